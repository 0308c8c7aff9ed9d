package org.sacroguide.planning;

/**
 * How a sacroplasty needle reaches the sacral ala (Strub et al., AJNR 2007): {@code VERTICAL} in the axial
 * plane straight posterior to anterior (bilateral fractures), {@code OBLIQUE_SI} in the axial plane
 * parallel to that side's sacroiliac joint (unilateral fracture), and {@code LONG_AXIS} from low on the
 * posterior sacrum, between the lower end of the SI joint and the S3 foramen, up the ala towards the S1 body.
 */
public enum Approach {
    VERTICAL, OBLIQUE_SI, LONG_AXIS
}
