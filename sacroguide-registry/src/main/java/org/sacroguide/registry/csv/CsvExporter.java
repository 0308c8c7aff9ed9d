package org.sacroguide.registry.csv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sacroguide.registry.model.CohortData;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.FollowUpRecord;
import org.sacroguide.registry.model.FractureRecord;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.PatientRecord;
import org.sacroguide.registry.model.PatientStatus;
import org.sacroguide.registry.model.ProcedureRecord;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.SelectionRecord;
import org.sacroguide.registry.model.Side;

/**
 * Writes the whole registry in the {@link CsvLayout}: per patient its patient row, fractures, selection
 * decisions, procedures, follow-ups (baseline assessments included) and, when not active, its status. The
 * file imports into an empty registry as the same records (the audit trail is not exported).
 */
public final class CsvExporter {

    private CsvExporter() {
    }

    public static String export(CohortData data) {
        Map<Long, List<FractureRecord>> fractures = group(data.fractures(), FractureRecord::patientKey);
        Map<Long, List<SelectionRecord>> selections = group(data.selections(), SelectionRecord::patientKey);
        Map<Long, List<ProcedureRecord>> procedures = group(data.procedures(), ProcedureRecord::patientKey);
        Map<Long, List<FollowUpRecord>> followUps = group(data.followUps(), FollowUpRecord::patientKey);
        StringBuilder b = new StringBuilder(CsvLayout.header());
        for (PatientRecord p : data.patients()) {
            String id = p.patientId();
            Map<String, String> r = row("patient", id, null);
            r.put("sex", Codes.text(p.sex()));
            r.put("birth_year", Integer.toString(p.birthYear()));
            b.append(line(r));
            for (FractureRecord f : fractures.getOrDefault(p.key(), List.of())) {
                r = row("fracture", id, f.fracture().imagingDate().toString());
                r.put("side", f.fracture().side().lower());
                r.put("denis_zone", f.fracture().zone() == null ? "" : Integer.toString(f.fracture().zone().number()));
                r.put("modality", Codes.text(f.fracture().modality()));
                r.put("note", f.fracture().note());
                b.append(line(r));
            }
            for (SelectionRecord s : selections.getOrDefault(p.key(), List.of())) {
                r = row("selection", id, s.decision().decidedOn().toString());
                r.put("selection", Codes.text(s.decision().answer()));
                r.put("note", s.decision().reasons());
                b.append(line(r));
            }
            List<ProcedureRecord> procs = new ArrayList<>(procedures.getOrDefault(p.key(), List.of()));
            procs.sort(Comparator.comparing(ProcedureRecord::performedOn).thenComparing(ProcedureRecord::key));
            for (ProcedureRecord pr : procs) {
                r = row("procedure", id, pr.performedOn().toString());
                r.put("sedation", Codes.text(pr.sedation()));
                for (ProcedureSide s : pr.sides()) {
                    String x = s.side() == Side.LEFT ? "left_" : "right_";
                    r.put(x + "approach", Codes.text(s.approach()));
                    r.put(x + "needle_gauge", s.needleGauge() == null ? "" : s.needleGauge().toString());
                    r.put(x + "cement_ml", num(s.cementMl()));
                    r.put(x + "extravasation", Codes.text(s.extravasation()));
                }
                r.put("override_reason", pr.overrideReason());
                r.put("complications", pr.complications());
                r.put("major_complication", pr.majorComplication() ? "yes" : "no");
                b.append(line(r));
            }
            List<FollowUpRecord> fus = new ArrayList<>(followUps.getOrDefault(p.key(), List.of()));
            fus.sort(Comparator.comparing((FollowUpRecord f) -> f.data().contactOn()).thenComparing(FollowUpRecord::key));
            for (FollowUpRecord f : fus) {
                NewFollowUp d = f.data();
                r = row("follow_up", id, d.contactOn().toString());
                r.put("timepoint", d.timepoint().code());
                r.put("method", Codes.text(d.method()));
                r.put("pain_left", yn(d.painLeft()));
                r.put("pain_right", yn(d.painRight()));
                r.put("vas", d.vas() == null ? "" : num(d.vas()));
                r.put("odi", d.odi() == null ? "" : d.odi().toString());
                r.put("analgesics", d.analgesics() == null ? "" : Codes.text(d.analgesics()));
                r.put("note", d.note());
                b.append(line(r));
            }
            if (p.status() != PatientStatus.ACTIVE) {
                r = row("status", id, p.statusSince() == null ? "" : p.statusSince().toString());
                r.put("status", Codes.text(p.status()));
                r.put("note", p.statusReason());
                b.append(line(r));
            }
        }
        return b.toString();
    }

    private static <T> Map<Long, List<T>> group(List<T> items, java.util.function.ToLongFunction<T> key) {
        Map<Long, List<T>> m = new HashMap<>();
        for (T t : items) {
            m.computeIfAbsent(key.applyAsLong(t), k -> new ArrayList<>()).add(t);
        }
        return m;
    }

    private static Map<String, String> row(String record, String patientId, String date) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("record", record);
        r.put("patient_id", patientId);
        r.put("date", date);
        return r;
    }

    private static String line(Map<String, String> r) {
        List<String> f = new ArrayList<>(CsvLayout.COLUMNS.size());
        for (String c : CsvLayout.COLUMNS) {
            String v = r.get(c);
            f.add(v == null ? "" : v);
        }
        return CsvFormat.line(f);
    }

    private static String yn(Boolean b) {
        return b == null ? "" : b ? "yes" : "no";
    }

    static String num(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
