package org.sacroguide.planning.selection;

import org.sacroguide.planning.Approach;

/**
 * The clinician's choice of approach instead of the one the fracture pattern suggests, with the reason,
 * which is logged and written into the plan. A reason is required.
 */
public record ApproachOverride(Approach approach, String reason) {

    public ApproachOverride {
        if (approach == null) {
            throw new IllegalArgumentException("an approach override needs an approach");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an approach override needs a reason");
        }
    }
}
