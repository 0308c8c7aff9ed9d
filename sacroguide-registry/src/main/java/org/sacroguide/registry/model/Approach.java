package org.sacroguide.registry.model;

/**
 * Needle orientation in the axial plane (Strub et al. 2007): VERTICAL, straight posterior to anterior, one
 * needle per side for bilateral fractures; OBLIQUE_SI, parallel to the sacroiliac joint, for a unilateral
 * fracture; LONG_AXIS, the later caudal-to-cranial route along the ala. Stored by constant name.
 */
public enum Approach {
    VERTICAL, OBLIQUE_SI, LONG_AXIS
}
