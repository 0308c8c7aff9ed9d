package org.sacroguide.registry.csv;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sacroguide.registry.RecordWriter;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.model.Analgesics;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.DenisZone;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.FollowUpMethod;
import org.sacroguide.registry.model.Fracture;
import org.sacroguide.registry.model.ImagingModality;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.NewPatient;
import org.sacroguide.registry.model.NewProcedure;
import org.sacroguide.registry.model.PatientStatus;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.SchedulePoint;
import org.sacroguide.registry.model.Sedation;
import org.sacroguide.registry.model.SelectionAnswer;
import org.sacroguide.registry.model.SelectionDecision;
import org.sacroguide.registry.model.Sex;
import org.sacroguide.registry.model.Side;
import org.sacroguide.registry.model.StatusChange;

/**
 * Imports a CSV file in the {@link CsvLayout} all-or-nothing: every row is validated and written inside one
 * transaction, in file order (so a procedure may follow its patient's fracture row in the same file); when
 * any row is refused the whole transaction is rolled back and the report lists every refused row with its
 * line number. A process killed during the import leaves the registry as it was.
 */
public final class CsvImporter {

    /** Told after each row is written (for progress display). */
    @FunctionalInterface
    public interface Progress {
        void rowDone(int done, int total);
    }

    private final Registry registry;
    private Progress progress = (d, t) -> { };

    public CsvImporter(Registry registry) {
        this.registry = registry;
    }

    public CsvImporter onProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /** Reads {@code file} (UTF-8) and imports it; {@code dryRun} checks everything and stores nothing. */
    public ImportReport importFile(Path file, boolean dryRun) throws IOException, RegistryException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"");
        }
        return importText(text, dryRun);
    }

    /** Imports CSV text. */
    public ImportReport importText(String text, boolean dryRun) throws RegistryException {
        List<CsvFormat.Record> records;
        try {
            records = CsvFormat.parse(text);
        } catch (CsvFormat.SyntaxException e) {
            return new ImportReport(0, 0, false, List.of(new ImportReport.RowError(e.line(), null, null, e.getMessage()
                    .replaceFirst("^line \\d+: ", ""))));
        }
        records = new ArrayList<>(records);
        records.removeIf(r -> r.fields().get(0).trim().startsWith("#")); // comment lines
        if (records.isEmpty()) {
            return new ImportReport(0, 0, false, List.of(new ImportReport.RowError(1, null, null,
                    "the file is empty; the first line must be the header (" + String.join(",", CsvLayout.COLUMNS) + ")")));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0).fields();
        List<ImportReport.RowError> headerErrors = new ArrayList<>();
        for (int k = 0; k < header.size(); k++) {
            String name = header.get(k).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!CsvLayout.COLUMNS.contains(name)) {
                headerErrors.add(new ImportReport.RowError(records.get(0).line(), "header", null, "unknown column '" + header.get(k)
                        + "'; the columns are " + String.join(", ", CsvLayout.COLUMNS)));
            } else if (columns.put(name, k) != null) {
                headerErrors.add(new ImportReport.RowError(records.get(0).line(), "header", null, "column '" + name + "' appears twice"));
            }
        }
        for (String required : List.of("record", "patient_id")) {
            if (!columns.containsKey(required)) {
                headerErrors.add(new ImportReport.RowError(records.get(0).line(), "header", null, "the header has no '" + required
                        + "' column (is the first line the header?)"));
            }
        }
        if (!headerErrors.isEmpty()) {
            return new ImportReport(records.size() - 1, 0, false, headerErrors);
        }
        List<CsvFormat.Record> rows = records.subList(1, records.size());
        List<ImportReport.RowError> errors = new ArrayList<>();
        try {
            registry.inOneTransaction(w -> {
                int done = 0;
                for (CsvFormat.Record rec : rows) {
                    Row row = new Row(rec, columns);
                    String why = w.attempt(() -> apply(w, row));
                    if (why != null) {
                        errors.add(new ImportReport.RowError(rec.line(), row.get("record"), row.get("patient_id"), why));
                    }
                    progress.rowDone(++done, rows.size());
                }
                if (!errors.isEmpty() || dryRun) {
                    throw new Refused();
                }
                return null;
            });
        } catch (Refused r) {
            return new ImportReport(rows.size(), 0, false, errors);
        }
        return new ImportReport(rows.size(), rows.size(), true, errors);
    }

    /** Thrown inside the import transaction to roll it back. */
    private static final class Refused extends RegistryException {
        Refused() {
            super("import refused");
        }
    }

    private static void apply(RecordWriter w, Row r) throws RegistryException, java.sql.SQLException {
        String kind = r.get("record").trim().toLowerCase(Locale.ROOT).replace('-', '_');
        String pid = r.required("patient_id");
        switch (kind) {
            case "patient" -> w.addPatient(new NewPatient(pid, Sex.parse(r.required("sex")), r.integer("birth_year", true)));
            case "fracture" -> {
                String side = r.required("side").trim().toLowerCase(Locale.ROOT);
                List<Side> sides = switch (side) {
                    case "b", "both", "bilateral" -> List.of(Side.LEFT, Side.RIGHT);
                    default -> List.of(Side.parse(side));
                };
                String zone = r.get("denis_zone");
                for (Side s : sides) {
                    w.addFracture(pid, new Fracture(s, zone.isBlank() ? null : DenisZone.parse(zone),
                            Codes.parse(ImagingModality.class, r.required("modality"), "modality"), r.date("date"), blank(r.get("note"))));
                }
            }
            case "selection" -> w.addSelection(pid, new SelectionDecision(Codes.parse(SelectionAnswer.class, r.required("selection"), "selection"),
                    r.date("date"), blank(r.get("note")), "csv import"));
            case "procedure" -> {
                List<ProcedureSide> sides = new ArrayList<>();
                for (Side s : Side.values()) {
                    String p = s.lower() + "_";
                    boolean any = !r.get(p + "approach").isBlank() || !r.get(p + "cement_ml").isBlank();
                    if (!any) {
                        continue;
                    }
                    if (r.get(p + "cement_ml").isBlank()) {
                        throw new IllegalArgumentException(p + "cement_ml is empty; give the cement volume in mL for the treated "
                                + s.lower() + " side");
                    }
                    String ex = r.get(p + "extravasation");
                    sides.add(new ProcedureSide(s, Codes.parse(Approach.class, r.required(p + "approach"), p + "approach"),
                            r.integer(p + "needle_gauge", false), r.decimal(p + "cement_ml"),
                            ex.isBlank() ? Extravasation.NONE : Codes.parse(Extravasation.class, ex, p + "extravasation")));
                }
                if (sides.isEmpty()) {
                    throw new IllegalArgumentException("a procedure row needs left_approach and left_cement_ml, right_approach and "
                            + "right_cement_ml, or both");
                }
                String bv = r.get("baseline_vas");
                w.addProcedure(pid, new NewProcedure(r.date("date"), Codes.parse(Sedation.class, r.required("sedation"), "sedation"), sides,
                        blank(r.get("override_reason")), blank(r.get("complications")), r.bool("major_complication", false),
                        bv.isBlank() ? null : r.decimal("baseline_vas")));
            }
            case "follow_up" -> {
                String tp = r.get("timepoint");
                String odi = r.get("odi");
                String vas = r.get("vas");
                String an = r.get("analgesics");
                w.addFollowUp(pid, new NewFollowUp(r.date("date"), Codes.parse(FollowUpMethod.class, r.required("method"), "method"),
                        tp.isBlank() ? null : SchedulePoint.parse(tp), r.optionalBool("pain_left"), r.optionalBool("pain_right"),
                        vas.isBlank() ? null : r.decimal("vas"), odi.isBlank() ? null : r.integer("odi", true),
                        an.isBlank() ? null : Codes.parse(Analgesics.class, an, "analgesics"), blank(r.get("note"))));
            }
            case "status" -> w.changeStatus(pid, new StatusChange(Codes.parse(PatientStatus.class, r.required("status"), "status"),
                    r.date("date"), blank(r.get("note"))));
            default -> throw new IllegalArgumentException("record must be one of " + String.join(", ", CsvLayout.RECORDS) + ", was '"
                    + r.get("record") + "'");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** One data row with access by column name. */
    private static final class Row {
        private final CsvFormat.Record rec;
        private final Map<String, Integer> columns;

        Row(CsvFormat.Record rec, Map<String, Integer> columns) {
            this.rec = rec;
            this.columns = columns;
        }

        String get(String col) {
            Integer k = columns.get(col);
            return k == null || k >= rec.fields().size() ? "" : rec.fields().get(k).trim();
        }

        String required(String col) {
            String v = get(col);
            if (v.isEmpty()) {
                throw new IllegalArgumentException(col + " is empty" + (columns.containsKey(col) ? "" : " (the file has no " + col + " column)"));
            }
            return v;
        }

        LocalDate date(String col) {
            String v = required(col);
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(col + " must be a date written YYYY-MM-DD, was '" + v + "'");
            }
        }

        Integer integer(String col, boolean required) {
            String v = required ? required(col) : get(col);
            if (v.isEmpty()) {
                return null;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(col + " must be a whole number, was '" + v + "'");
            }
        }

        double decimal(String col) {
            String v = required(col);
            try {
                return Double.parseDouble(v.replace(',', '.'));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(col + " must be a number, was '" + v + "'");
            }
        }

        boolean bool(String col, boolean dflt) {
            Boolean b = optionalBool(col);
            return b == null ? dflt : b;
        }

        Boolean optionalBool(String col) {
            String v = get(col).toLowerCase(Locale.ROOT);
            return switch (v) {
                case "" -> null;
                case "yes", "y", "true", "1" -> Boolean.TRUE;
                case "no", "n", "false", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(col + " must be yes or no (or empty: not asked), was '" + get(col) + "'");
            };
        }
    }
}
