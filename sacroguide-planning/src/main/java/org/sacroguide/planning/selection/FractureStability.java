package org.sacroguide.planning.selection;

/**
 * Stability of the pelvic ring as the clinician records it: stable, a displaced H-type (U-type) sacral
 * fracture, or a combined dorsal and ventral pelvic ring fracture. The last two exclude sacroplasty alone.
 */
public enum FractureStability {
    STABLE, DISPLACED_H_TYPE, ANTERIOR_AND_POSTERIOR_RING;

    public boolean isStable() {
        return this == STABLE;
    }
}
