package org.sacroguide.registry.model;

import java.util.Objects;

/**
 * What was done on one side: needle approach and gauge (null when not recorded), cement volume in mL, and
 * where cement leaked, if anywhere.
 */
public record ProcedureSide(Side side, Approach approach, Integer needleGauge, double cementMl, Extravasation extravasation) {
    public ProcedureSide {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(approach, "approach");
        extravasation = extravasation == null ? Extravasation.NONE : extravasation;
    }
}
