package org.sacroguide.anatomy;

import java.util.List;
import org.sacroguide.imaging.PatientPoint;

/**
 * The sacroiliac joint surface on one side: points on the sacral side of the joint (LPS, mm), a plane
 * fitted through them (its in-plane axial direction is the line an oblique needle runs parallel to), and
 * the model's confidence.
 */
public record SiJoint(Side side, List<PatientPoint> surfacePoints, Plane fittedPlane, Detection detection) {

    public SiJoint {
        surfacePoints = List.copyOf(surfacePoints);
    }
}
