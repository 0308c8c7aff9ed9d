package org.sacroguide.planning;

import java.util.List;
import java.util.Map;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.PatientPoint;

/**
 * One planned sacroplasty needle, in DICOM patient coordinates (LPS, mm): side, approach, the trajectory
 * from skin entry to target with its gauge, where it enters bone, its angles (against the table, i.e. the
 * coronal plane; against the axial plane, positive when the tip lies cranial to the entry; in the axial
 * plane from straight posterior-anterior, positive when the tip lies lateral to the entry), the clearance
 * of its outer surface to every structure at risk along the whole path (mm, by structure name), the
 * smallest of them and which structure it is, the safe corridor (diameter of the widest cylinder along
 * the axis, in bone, that touches no foramen, canal, SI joint or disc), the tip's distance behind the
 * anterior cortex and the bone ahead of the tip, and the planned cement volume. Not for clinical use.
 */
public record NeedlePlan(Side side, Approach approach, NeedleTrajectory trajectory, PatientPoint boneEntryLps,
                         double angleToTableDeg, double angleToAxialPlaneDeg, double axialAngleFromVerticalDeg,
                         Map<String, Double> clearancesMm, double minClearanceMm, String limitingStructure,
                         double safeCorridorDiameterMm, double tipBehindAnteriorCortexMm, double boneAheadOfTipMm,
                         double boneLengthMm, double plannedCementMl, List<String> warnings) {

    public NeedlePlan {
        clearancesMm = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(clearancesMm));
        warnings = List.copyOf(warnings);
    }

    public PatientPoint skinEntryLps() {
        return trajectory.entry();
    }

    public PatientPoint targetLps() {
        return trajectory.target();
    }

    public Gauge gauge() {
        return trajectory.gauge();
    }

    public double lengthFromSkinMm() {
        return trajectory.lengthMm();
    }
}
