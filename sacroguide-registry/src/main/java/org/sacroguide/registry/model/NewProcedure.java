package org.sacroguide.registry.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A sacroplasty to record: date, sedation, one {@link ProcedureSide} per treated side, an override reason
 * (required when a treated side has no recorded fracture), other complications as text, whether a major
 * complication occurred, and optionally the baseline pain score (VAS 0-10) taken before the procedure.
 */
public record NewProcedure(LocalDate performedOn, Sedation sedation, List<ProcedureSide> sides, String overrideReason,
        String complications, boolean majorComplication, Double baselineVas) {
    public NewProcedure {
        Objects.requireNonNull(performedOn, "performedOn");
        Objects.requireNonNull(sedation, "sedation");
        sides = List.copyOf(sides);
    }
}
