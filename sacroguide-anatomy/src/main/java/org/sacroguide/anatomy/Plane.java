package org.sacroguide.anatomy;

import org.sacroguide.imaging.PatientPoint;

/** A plane in patient coordinates (LPS, mm): a point on it and its unit normal. */
public record Plane(PatientPoint point, PatientPoint normal) {

    public Plane {
        normal = normal.unit();
    }

    /** Signed distance in mm, positive on the side the normal points to. */
    public double signedDistanceMm(PatientPoint p) {
        return p.minus(point).dot(normal);
    }
}
