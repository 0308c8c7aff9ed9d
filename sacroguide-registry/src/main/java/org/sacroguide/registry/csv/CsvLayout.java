package org.sacroguide.registry.csv;

import java.util.List;

/**
 * The registry's CSV layout (documented with an example in the module README): one header line, then one
 * line per record; the {@code record} column says which kind (patient, fracture, selection, procedure,
 * follow_up, status) and which columns it uses. Columns may come in any order; columns a record kind does
 * not use are left empty.
 */
public final class CsvLayout {

    /** All columns, in the order the export writes them. */
    public static final List<String> COLUMNS = List.of(
            "record", "patient_id", "date",
            "sex", "birth_year",
            "side", "denis_zone", "modality",
            "selection",
            "sedation",
            "left_approach", "left_needle_gauge", "left_cement_ml", "left_extravasation",
            "right_approach", "right_needle_gauge", "right_cement_ml", "right_extravasation",
            "override_reason", "complications", "major_complication", "baseline_vas",
            "timepoint", "method", "pain_left", "pain_right", "vas", "odi", "analgesics",
            "status", "note");

    /** Record kinds, as written in the {@code record} column. */
    public static final List<String> RECORDS = List.of("patient", "fracture", "selection", "procedure", "follow_up", "status");

    private CsvLayout() {
    }

    public static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }
}
