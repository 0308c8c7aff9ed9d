package org.sacroguide.registry.stats;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sacroguide.registry.model.CohortData;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.FollowUpRecord;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.PatientRecord;
import org.sacroguide.registry.model.ProcedureRecord;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.SchedulePoint;
import org.sacroguide.registry.model.Side;

/**
 * Computes {@link CohortStatistics} from a registry snapshot in one pass over each list (linear in the
 * number of records). Definitions are those documented on {@link CohortStatistics}.
 */
public final class CohortCalculator {

    /** Days per month used for follow-up durations (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 30.4375;

    /**
     * Contacts at least this many days after the procedure count as long-term follow-up (the start of the
     * 1-month window); earlier ones (24-48 h) enter the VAS curve but not the follow-up numbers.
     */
    public static final int LONG_TERM_MIN_DAYS = 21;

    private CohortCalculator() {
    }

    public static CohortStatistics compute(CohortData data) {
        Map<Long, PatientRecord> patients = new HashMap<>(data.patients().size() * 2);
        for (PatientRecord p : data.patients()) {
            patients.put(p.key(), p);
        }
        Map<Long, ProcedureRecord> procedures = new HashMap<>(data.procedures().size() * 2);
        Map<Long, ProcedureRecord> firstProcedure = new HashMap<>();
        int nProc = data.procedures().size();
        double[] cementPerTreatment = new double[nProc];
        double[] cementPerSide = new double[nProc * 2];
        int sides = 0;
        int bilateral = 0;
        int unilateral = 0;
        int neuralLeakTreatments = 0;
        int technical = 0;
        int major = 0;
        Map<Extravasation, Integer> extravasation = new EnumMap<>(Extravasation.class);
        for (Extravasation e : Extravasation.values()) {
            extravasation.put(e, 0);
        }
        int t = 0;
        for (ProcedureRecord p : data.procedures()) {
            procedures.put(p.key(), p);
            ProcedureRecord first = firstProcedure.get(p.patientKey());
            if (first == null || p.performedOn().isBefore(first.performedOn())) {
                firstProcedure.put(p.patientKey(), p);
            }
            cementPerTreatment[t++] = p.totalCementMl();
            if (p.bilateral()) {
                bilateral++;
            } else {
                unilateral++;
            }
            boolean neural = false;
            boolean delivered = !p.sides().isEmpty();
            for (ProcedureSide s : p.sides()) {
                cementPerSide[sides++] = s.cementMl();
                extravasation.merge(s.extravasation(), 1, Integer::sum);
                neural |= s.extravasation().isNeural();
                delivered &= s.cementMl() > 0;
            }
            if (neural) {
                neuralLeakTreatments++;
            }
            if (delivered && !neural) {
                technical++;
            }
            if (p.majorComplication()) {
                major++;
            }
        }

        int women = 0;
        int men = 0;
        int other = 0;
        double[] ages = new double[firstProcedure.size()];
        int a = 0;
        for (Map.Entry<Long, ProcedureRecord> e : firstProcedure.entrySet()) {
            PatientRecord p = patients.get(e.getKey());
            switch (p.sex()) {
                case FEMALE -> women++;
                case MALE -> men++;
                default -> other++;
            }
            ages[a++] = e.getValue().performedOn().getYear() - p.birthYear();
        }

        // Latest long-term contact after the procedure, and baseline score, per patient.
        Map<Long, FollowUpRecord> latest = new HashMap<>();
        Map<Long, Double> baselineVas = new HashMap<>();
        for (FollowUpRecord f : data.followUps()) {
            if (f.data().timepoint() == SchedulePoint.BASELINE) {
                if (f.data().vas() != null) {
                    baselineVas.put(f.procedureKey(), f.data().vas());
                }
                continue;
            }
            ProcedureRecord proc = procedures.get(f.procedureKey());
            if (proc == null || ChronoUnit.DAYS.between(proc.performedOn(), f.data().contactOn()) < LONG_TERM_MIN_DAYS) {
                continue;
            }
            FollowUpRecord prev = latest.get(f.patientKey());
            if (prev == null || f.data().contactOn().isAfter(prev.data().contactOn())
                    || (f.data().contactOn().equals(prev.data().contactOn()) && f.key() > prev.key())) {
                latest.put(f.patientKey(), f);
            }
        }
        double[] months = new double[latest.size()];
        int m = 0;
        int painKnown = 0;
        int painFree = 0;
        int sidesKnown = 0;
        int sidesFree = 0;
        int clinicalOf = 0;
        int clinical = 0;
        List<PartialRelief> partial = new ArrayList<>();
        for (FollowUpRecord f : latest.values()) {
            ProcedureRecord p = procedures.get(f.procedureKey());
            months[m++] = ChronoUnit.DAYS.between(p.performedOn(), f.data().contactOn()) / DAYS_PER_MONTH;
            NewFollowUp d = f.data();
            Set<Side> free = EnumSet.noneOf(Side.class);
            Set<Side> painful = EnumSet.noneOf(Side.class);
            boolean allKnown = !p.sides().isEmpty();
            for (ProcedureSide s : p.sides()) {
                Boolean pain = d.pain(s.side());
                if (pain == null) {
                    allKnown = false;
                    continue;
                }
                sidesKnown++;
                if (pain) {
                    painful.add(s.side());
                } else {
                    sidesFree++;
                    free.add(s.side());
                }
            }
            if (allKnown) {
                painKnown++;
                if (painful.isEmpty()) {
                    painFree++;
                } else if (!free.isEmpty()) {
                    partial.add(new PartialRelief(patients.get(f.patientKey()).patientId(), free, painful));
                }
            }
            Double base = baselineVas.get(f.procedureKey());
            if (base != null && d.vas() != null) {
                clinicalOf++;
                if (d.vas() <= 0.5 * base) {
                    clinical++;
                }
            } else if (allKnown) {
                clinicalOf++;
                if (painful.isEmpty()) {
                    clinical++;
                }
            }
        }
        partial.sort((x, y) -> x.patientId().compareTo(y.patientId()));

        int lost = 0;
        int withdrawn = 0;
        int deceased = 0;
        for (PatientRecord p : data.patients()) {
            switch (p.status()) {
                case LOST_TO_FOLLOW_UP -> lost++;
                case WITHDRAWN -> withdrawn++;
                case DECEASED -> deceased++;
                default -> {
                }
            }
        }

        return new CohortStatistics(data.patients().size(), firstProcedure.size(), nProc, women, men, other, Summary.of(ages, a),
                bilateral, unilateral, Summary.of(cementPerTreatment, nProc), Summary.of(cementPerSide, sides), extravasation,
                neuralLeakTreatments, latest.size(), Summary.of(months, m), new Rate(painFree, painKnown), new Rate(sidesFree, sidesKnown),
                partial, vasOverTime(data, baselineVas), new Rate(technical, nProc), new Rate(clinical, clinicalOf), new Rate(major, nProc),
                lost, withdrawn, deceased);
    }

    private static List<VasPoint> vasOverTime(CohortData data, Map<Long, Double> baselineVas) {
        int k = SchedulePoint.SCHEDULE.size();
        int[] n = new int[k];
        double[] sum = new double[k];
        int[] pairedN = new int[k];
        double[] change = new double[k];
        for (FollowUpRecord f : data.followUps()) {
            SchedulePoint tp = f.data().timepoint();
            Double vas = f.data().vas();
            if (vas == null || tp == SchedulePoint.UNSCHEDULED) {
                continue;
            }
            int i = tp.ordinal();
            n[i]++;
            sum[i] += vas;
            Double base = baselineVas.get(f.procedureKey());
            if (base != null && tp != SchedulePoint.BASELINE) {
                pairedN[i]++;
                change[i] += vas - base;
            }
        }
        List<VasPoint> out = new ArrayList<>(k);
        for (SchedulePoint p : SchedulePoint.SCHEDULE) {
            int i = p.ordinal();
            out.add(new VasPoint(p, n[i], n[i] == 0 ? Double.NaN : sum[i] / n[i], pairedN[i],
                    pairedN[i] == 0 ? Double.NaN : change[i] / pairedN[i]));
        }
        return out;
    }
}
