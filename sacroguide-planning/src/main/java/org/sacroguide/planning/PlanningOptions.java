package org.sacroguide.planning;

/**
 * The safety margins and search settings of trajectory planning, in mm and degrees. Defaults
 * ({@link #defaults()}): 11 G needle; at least 3 mm from the needle's outer surface to the foramina and
 * canal, 2 mm to the SI joint, 3 mm to the L5-S1 disc and to vessels and bowel; the tip at least 5 mm
 * behind the anterior cortex; at least 10 mm of the needle in bone; craniocaudal tilt searched from -20
 * to +20 degrees in 5-degree steps; targets on a 2 mm lattice; 3 mL of cement per side (2-4 mL default
 * range, warn outside 2-7 mL).
 */
public record PlanningOptions(Gauge gauge, double minNeuralClearanceMm, double minJointClearanceMm,
                              double minDiscClearanceMm, double minSoftTissueClearanceMm,
                              double minTipBehindAnteriorCortexMm, double minBoneLengthMm, double maxTiltDeg,
                              double tiltStepDeg, double targetStrideMm, double plannedCementMl) {

    /** Usual cement range per side, mL (Strub 2007: 4.1 mL mean per treatment). */
    public static final double CEMENT_USUAL_MIN_ML = 2;
    public static final double CEMENT_USUAL_MAX_ML = 4;
    /** Outside this range a plan carries a warning. */
    public static final double CEMENT_WARN_MIN_ML = 2;
    public static final double CEMENT_WARN_MAX_ML = 7;

    public PlanningOptions {
        if (gauge == null) {
            throw new IllegalArgumentException("planning needs a needle gauge");
        }
        for (double v : new double[] {minNeuralClearanceMm, minJointClearanceMm, minDiscClearanceMm,
            minSoftTissueClearanceMm, minTipBehindAnteriorCortexMm, minBoneLengthMm}) {
            if (!(v >= 0 && v < 50)) {
                throw new IllegalArgumentException("safety margins must lie between 0 and 50 mm, was " + v);
            }
        }
        if (!(maxTiltDeg >= 0 && maxTiltDeg <= 45) || !(tiltStepDeg > 0)) {
            throw new IllegalArgumentException("tilt must be searched within 0-45 degrees with a positive step");
        }
        if (!(targetStrideMm >= 0.5 && targetStrideMm <= 10)) {
            throw new IllegalArgumentException("target lattice must lie between 0.5 and 10 mm, was " + targetStrideMm);
        }
        if (!(plannedCementMl > 0 && plannedCementMl < 30)) {
            throw new IllegalArgumentException("planned cement must lie between 0 and 30 mL, was " + plannedCementMl);
        }
    }

    public static PlanningOptions defaults() {
        return new PlanningOptions(Gauge.G11, 3, 2, 3, 3, 5, 10, 20, 5, 2, 3);
    }

    public PlanningOptions withGauge(Gauge g) {
        return new PlanningOptions(g, minNeuralClearanceMm, minJointClearanceMm, minDiscClearanceMm,
                minSoftTissueClearanceMm, minTipBehindAnteriorCortexMm, minBoneLengthMm, maxTiltDeg, tiltStepDeg,
                targetStrideMm, plannedCementMl);
    }

    public PlanningOptions withPlannedCementMl(double ml) {
        return new PlanningOptions(gauge, minNeuralClearanceMm, minJointClearanceMm, minDiscClearanceMm,
                minSoftTissueClearanceMm, minTipBehindAnteriorCortexMm, minBoneLengthMm, maxTiltDeg, tiltStepDeg,
                targetStrideMm, ml);
    }

    public PlanningOptions withNeuralClearanceMm(double mm) {
        return new PlanningOptions(gauge, mm, minJointClearanceMm, minDiscClearanceMm, minSoftTissueClearanceMm,
                minTipBehindAnteriorCortexMm, minBoneLengthMm, maxTiltDeg, tiltStepDeg, targetStrideMm, plannedCementMl);
    }
}
