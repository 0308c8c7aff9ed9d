package org.sacroguide.planning.trajectory;

/**
 * Groups of structures at risk that the trajectory search keeps one distance map each for: the neural
 * structures (S1-S4 foramina and the central canal), the SI joint (the ilium beside it), the L5-S1 disc,
 * the anterior sacral cortex (the tip stays behind it) and soft tissue outside the bone (vessels, bowel).
 */
public enum RiskGroup {
    NEURAL, SI_JOINT, DISC, ANTERIOR_CORTEX, SOFT_TISSUE
}
