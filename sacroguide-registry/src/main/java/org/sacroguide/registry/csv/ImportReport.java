package org.sacroguide.registry.csv;

import java.util.List;

/**
 * What a CSV import did: how many records the file held, how many were stored (all of them, or none when
 * any row was refused), and one error per refused row with the row's line number in the file.
 */
public record ImportReport(int records, int stored, boolean committed, List<RowError> errors) {

    /** A refused row: its line in the file, record kind, patient id, and why. */
    public record RowError(int line, String record, String patientId, String message) {
        public String describe() {
            return "line " + line + (record == null || record.isBlank() ? "" : " (" + record
                    + (patientId == null || patientId.isBlank() ? "" : " " + patientId) + ")") + ": " + message;
        }
    }

    public ImportReport {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Multi-line summary for the coordinator. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (committed) {
            b.append("imported ").append(stored).append(" records");
        } else if (errors.isEmpty()) {
            b.append("checked ").append(records).append(" records: all valid (dry run, nothing stored)");
        } else {
            b.append("nothing imported: ").append(errors.size()).append(errors.size() == 1 ? " row was" : " rows were")
                    .append(" refused (of ").append(records).append("); fix them and import the file again");
        }
        for (RowError e : errors) {
            b.append('\n').append("  ").append(e.describe());
        }
        return b.toString();
    }
}
