package org.sacroguide.planning;

import org.sacroguide.anatomy.Side;

/**
 * A side that needs treatment but has no safe needle path, with the reason in words
 * ("left: every path within 1.2 mm of the left S1 foramen (3.0 mm required)").
 */
public record InfeasibleSide(Side side, Approach approach, String reason) {
}
