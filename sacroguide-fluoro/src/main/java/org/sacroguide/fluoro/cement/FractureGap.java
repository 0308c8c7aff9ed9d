package org.sacroguide.fluoro.cement;

import org.sacroguide.imaging.PatientPoint;

/**
 * A fracture gap as a channel of raised permeability: the points within {@code radiusMm} of the segment from
 * {@code startLps} to {@code endLps} (LPS, mm). Insufficiency fracture lines of the sacral ala are modelled as
 * such channels, vertical through the fracture candidate's centre over its cranio-caudal extent.
 */
public record FractureGap(PatientPoint startLps, PatientPoint endLps, double radiusMm) {

    public FractureGap {
        if (!(radiusMm > 0)) {
            throw new IllegalArgumentException("fracture gap radius must be positive");
        }
    }

    /** Distance (mm) from a point to the gap's centre segment. */
    public double distanceMm(PatientPoint p) {
        PatientPoint d = endLps.minus(startLps);
        double len2 = d.dot(d);
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, p.minus(startLps).dot(d) / len2));
        return p.distanceMm(startLps.plus(d.times(t)));
    }
}
