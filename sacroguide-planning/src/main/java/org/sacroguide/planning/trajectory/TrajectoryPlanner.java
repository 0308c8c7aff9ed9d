package org.sacroguide.planning.trajectory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SacrumModel.PartFlags;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.SiJoint;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.planning.Approach;
import org.sacroguide.planning.InfeasibleSide;
import org.sacroguide.planning.NeedlePlan;
import org.sacroguide.planning.NeedleTrajectory;
import org.sacroguide.planning.PlanningException;
import org.sacroguide.planning.PlanningOptions;

/**
 * Plans one sacroplasty needle per side on a CT and its {@link SacrumModel}. For the vertical and oblique
 * approaches it tries every target on a lattice in the ala at the treated level (S1, or S2) whose tip lies
 * behind the anterior cortex, and every craniocaudal tilt, walking each path back from the target through
 * bone and soft tissue to the skin over distance maps of the structures at risk ({@link RiskField}); it
 * keeps the path with the largest smallest margin (ties broken towards no tilt and a tip about 11 mm behind
 * the anterior cortex) and re-checks it exactly ({@link ExactClearances}) before returning it. The long-axis
 * approach searches around the line from midway between the lower SI joint end and the lateral edge of the
 * S3 foramen towards the S1 body. A side without a safe path is returned as {@link InfeasibleSide} with the
 * limiting structure. Not for clinical use.
 */
public final class TrajectoryPlanner {

    /** Paths are walked in steps of this many mm. */
    static final double STEP_MM = 0.5;
    /** Soft tissue below this HU counts as air: the skin lies where the path first reaches it. */
    static final double AIR_HU = -400;
    static final double MAX_PATH_MM = 300;
    /** Preferred bone ahead of the tip (Strub 2007: about 11 mm in front of the usual target). */
    static final double PREFERRED_TIP_DEPTH_MM = 11;
    private static final int VERIFY_TOP = 60;
    /**
     * Outside the sacrum a path may not run through 1 mm or more of voxels at or above this HU: bone the model
     * did not label (cortical bone, even osteoporotic, lies well above soft tissue's 20-80 HU).
     */
    static final double UNLABELLED_BONE_HU = 250;

    private final CtVolume ct;
    private final SacrumModel model;
    private final PlanningOptions options;
    private final RiskField field;
    private final ExactClearances exact;
    private final VoxelGrid grid;
    private final Affine toVoxel;
    private final double[] sp;
    private final double halfVoxel;
    private final double cortexSkipMm;

    public TrajectoryPlanner(CtVolume ct, SacrumModel model, PlanningOptions options) throws PlanningException {
        if (!ct.grid().sameGridAs(model.labels().grid(), 1e-3)) {
            throw new PlanningException("the sacrum model lies on a different voxel grid than the CT; segment this CT first");
        }
        if (model.labels().count(Structure.SACRUM) == 0) {
            throw new PlanningException("the sacrum model contains no sacrum voxels; nothing to plan on");
        }
        this.ct = ct;
        this.model = model;
        this.options = options;
        this.grid = ct.grid();
        this.toVoxel = grid.patientToVoxel();
        this.sp = grid.spacingMm();
        this.field = RiskField.of(model);
        this.exact = new ExactClearances(model);
        this.halfVoxel = exact.halfVoxelMm();
        // the sacrum's own cortex, blurred over about one voxel, lies just outside its mask
        this.cortexSkipMm = Math.max(2.0, 3 * halfVoxel);
    }

    public PlanningOptions options() {
        return options;
    }

    /** The planned needle or the reason there is none. */
    public record SideResult(Optional<NeedlePlan> needle, Optional<InfeasibleSide> infeasible) {
    }

    public SideResult plan(Side side, Approach approach, SacralLevel level) {
        return switch (approach) {
            case VERTICAL, OBLIQUE_SI -> planAxial(side, approach, level);
            case LONG_AXIS -> planLongAxis(side, level);
        };
    }

    // ---------------------------------------------------------------------------------------------------
    // path evaluation

    /** One walked path: target, direction of advance, and what the walk found. */
    static final class Walk {
        PatientPoint target;
        PatientPoint dir;
        double tiltDeg;
        double boneEntryT = Double.NaN;
        double skinT = Double.NaN;
        boolean fovEdge;
        String crossed;
        final double[] clear = new double[RiskGroup.values().length];
        double tipAc;
        double worstSlack;
        RiskGroup limiting;
        double score;
    }

    private Walk walk(PatientPoint target, PatientPoint dir, double tiltDeg) {
        Walk w = new Walk();
        w.target = target;
        w.dir = dir;
        w.tiltDeg = tiltDeg;
        java.util.Arrays.fill(w.clear, Double.POSITIVE_INFINITY);
        PatientPoint tv = toVoxel.apply(target);
        PatientPoint back = toVoxel.applyLinear(-dir.x(), -dir.y(), -dir.z());
        double r = options.gauge().outerRadiusMm();
        byte[] lab = model.labels().labelArray();
        short[] hu = ct.huArray();
        float[] mN = field.map(RiskGroup.NEURAL);
        float[] mJ = field.map(RiskGroup.SI_JOINT);
        float[] mD = field.map(RiskGroup.DISC);
        float[] mS = field.map(RiskGroup.SOFT_TISSUE);
        float[] mA = field.map(RiskGroup.ANTERIOR_CORTEX);
        int nx = grid.columns();
        int ny = grid.rows();
        int nz = grid.slices();
        boolean bone = true;
        int boneRun = 0;
        double cN = Double.POSITIVE_INFINITY;
        double cJ = Double.POSITIVE_INFINITY;
        double cD = Double.POSITIVE_INFINITY;
        double cS = Double.POSITIVE_INFINITY;
        int sacrum = Structure.SACRUM.label();
        for (double t = 0; t <= MAX_PATH_MM; t += STEP_MM) {
            double fi = tv.x() + back.x() * t;
            double fj = tv.y() + back.y() * t;
            double fk = tv.z() + back.z() * t;
            int i = (int) Math.round(fi);
            int j = (int) Math.round(fj);
            int k = (int) Math.round(fk);
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
                w.skinT = Math.max(STEP_MM, t - STEP_MM);
                w.fovEdge = true;
                if (bone) {
                    w.boneEntryT = w.skinT;
                }
                break;
            }
            double off = Math.sqrt(sq((fi - i) * sp[0]) + sq((fj - j) * sp[1]) + sq((fk - k) * sp[2]));
            int a = i - field.i0;
            int b = j - field.j0;
            int c = k - field.k0;
            if (a >= 0 && b >= 0 && c >= 0 && a < field.ni && b < field.nj && c < field.nk) {
                int q = a + field.ni * (b + field.nj * c);
                double sub = off + halfVoxel + r;
                cN = Math.min(cN, mN[q] - sub);
                cJ = Math.min(cJ, mJ[q] - sub);
                cD = Math.min(cD, mD[q] - sub);
                cS = Math.min(cS, mS[q] - sub);
                if (t == 0) {
                    w.tipAc = mA[q] - off - halfVoxel;
                }
            } else if (t == 0) {
                w.tipAc = Double.POSITIVE_INFINITY;
            }
            int n = i + nx * (j + ny * k);
            int l = lab[n] & 0xff;
            if (bone) {
                if (l == sacrum) {
                    continue;
                }
                bone = false;
                w.boneEntryT = Math.max(0, t - STEP_MM / 2);
            }
            if (l != 0) {
                w.crossed = Structure.ofLabel(l).map(Structure::jsonName).orElse("label " + l);
                break;
            }
            if (hu[n] < AIR_HU) {
                w.skinT = t;
                break;
            }
            // bone the model did not label (an ilium or spinous process missing from a mask-derived model)
            if (hu[n] >= UNLABELLED_BONE_HU && t - w.boneEntryT > cortexSkipMm) {
                if (++boneRun * STEP_MM >= 1.0) {
                    w.crossed = "unlabelled bone";
                    break;
                }
            } else {
                boneRun = 0;
            }
        }
        if (Double.isNaN(w.skinT) && w.crossed == null) {
            w.crossed = "no skin within " + (int) MAX_PATH_MM + " mm";
        }
        w.clear[RiskGroup.NEURAL.ordinal()] = cN;
        w.clear[RiskGroup.SI_JOINT.ordinal()] = cJ;
        w.clear[RiskGroup.DISC.ordinal()] = cD;
        w.clear[RiskGroup.SOFT_TISSUE.ordinal()] = cS;
        double[] slack = {cN - options.minNeuralClearanceMm(), cJ - options.minJointClearanceMm(),
            cD - options.minDiscClearanceMm(), cS - options.minSoftTissueClearanceMm()};
        RiskGroup[] gs = {RiskGroup.NEURAL, RiskGroup.SI_JOINT, RiskGroup.DISC, RiskGroup.SOFT_TISSUE};
        w.worstSlack = Double.POSITIVE_INFINITY;
        for (int g = 0; g < slack.length; g++) {
            if (slack[g] < w.worstSlack) {
                w.worstSlack = slack[g];
                w.limiting = gs[g];
            }
        }
        double boneLen = Double.isNaN(w.boneEntryT) ? 0 : w.boneEntryT;
        if (boneLen < options.minBoneLengthMm() && w.crossed == null) {
            w.crossed = "bone";
        }
        w.score = Math.min(w.worstSlack, 5) - 0.03 * Math.abs(tiltDeg)
                - 0.05 * Math.abs(Math.min(w.tipAc, 40) - PREFERRED_TIP_DEPTH_MM);
        return w;
    }

    private boolean feasible(Walk w) {
        return w.crossed == null && w.worstSlack >= 0 && w.tipAc >= options.minTipBehindAnteriorCortexMm();
    }

    // ---------------------------------------------------------------------------------------------------
    // vertical and oblique

    private SideResult planAxial(Side side, Approach approach, SacralLevel level) {
        PatientPoint u;
        if (approach == Approach.VERTICAL) {
            u = new PatientPoint(0, -1, 0);
        } else {
            Optional<PatientPoint> line = siJointAxialLine(side);
            if (line.isEmpty()) {
                return infeasible(side, approach, "no SI joint found on the " + side.lowerName()
                        + " side: the oblique approach runs parallel to it");
            }
            u = line.get();
        }
        List<PatientPoint> targets = targets(side, level, approach);
        if (targets.isEmpty()) {
            double floor = targetFloorMm(side, approach);
            return infeasible(side, approach, String.format(Locale.ROOT,
                    "no bone in the %s %s ala lies %.0f mm from the foramina and canal, %.0f mm behind the anterior cortex "
                            + "and %.0f mm or more from the mid-line%s",
                    side.lowerName(), level, options.minNeuralClearanceMm(), options.minTipBehindAnteriorCortexMm(),
                    floor, floor > MIN_TARGET_LATERAL_MM ? " (the model's S1 foramen on this side is missing or doubtful,"
                            + " so this floor stands in for the nerve-root clearance)" : ""));
        }
        // each target's axial direction: back to front, or the SI joint's line on the target's slice
        List<PatientPoint> axial = new ArrayList<>(targets.size());
        Map<Long, PatientPoint> lineBySlice = new HashMap<>();
        PatientPoint overall = u;
        for (PatientPoint t : targets) {
            axial.add(approach == Approach.VERTICAL ? u
                    : lineBySlice.computeIfAbsent(Math.round(t.z() * 100), key -> jointLineOnSlice(side, t.z(), overall)));
        }
        List<Walk> ok = new ArrayList<>();
        Walk bestFailing = null;
        int nTilt = (int) Math.round(options.maxTiltDeg() / options.tiltStepDeg());
        PatientPoint up = new PatientPoint(0, 0, 1);
        for (int ti = -nTilt; ti <= nTilt; ti++) {
            double tilt = ti * options.tiltStepDeg();
            double rad = Math.toRadians(tilt);
            PatientPoint rise = up.times(Math.sin(rad));
            double cos = Math.cos(rad);
            for (int q = 0; q < targets.size(); q++) {
                PatientPoint d = axial.get(q).times(cos).plus(rise).unit();
                Walk w = walk(targets.get(q), d, tilt);
                if (feasible(w)) {
                    ok.add(w);
                } else if (bestFailing == null || rank(w) > rank(bestFailing)) {
                    bestFailing = w;
                }
            }
        }
        return choose(side, approach, ok, bestFailing);
    }

    /** Failing paths are ranked by how close they came: crossing a structure is worst. */
    private static double rank(Walk w) {
        return (w.crossed != null ? -1000 : 0) + Math.min(w.worstSlack, 50);
    }

    private SideResult choose(Side side, Approach approach, List<Walk> ok, Walk bestFailing) {
        ok.sort(Comparator.comparingDouble((Walk w) -> -w.score));
        String lastProblem = null;
        for (int n = 0; n < Math.min(VERIFY_TOP, ok.size()); n++) {
            Walk w = ok.get(n);
            Verified v = verify(side, approach, w);
            if (v.needle != null) {
                return new SideResult(Optional.of(v.needle), Optional.empty());
            }
            lastProblem = v.problem;
        }
        if (!ok.isEmpty()) {
            return infeasible(side, approach, "the best paths failed the exact clearance check: " + lastProblem);
        }
        if (bestFailing == null) {
            return infeasible(side, approach, "no path could be evaluated");
        }
        return infeasible(side, approach, explain(bestFailing));
    }

    private String explain(Walk w) {
        if (w.crossed != null && !w.crossed.equals("bone")) {
            if (w.crossed.startsWith("no skin")) {
                return "every path stays in tissue for more than " + (int) MAX_PATH_MM + " mm";
            }
            if (w.crossed.equals("unlabelled bone")) {
                return "every path crosses bone outside the sacrum that the model does not label (e.g. the ilium)";
            }
            return "every path crosses " + describe(w.crossed);
        }
        if (w.crossed != null) {
            return String.format(Locale.ROOT, "every safe path has less than %.0f mm in bone", options.minBoneLengthMm());
        }
        if (w.tipAc < options.minTipBehindAnteriorCortexMm()) {
            return String.format(Locale.ROOT, "every tip lies within %.1f mm of the anterior cortex (%.0f mm required)",
                    w.tipAc, options.minTipBehindAnteriorCortexMm());
        }
        PatientPoint skin = w.target.minus(w.dir.times(w.skinT));
        Map<String, Double> c = exact.clearancesMm(skin, w.target, options.gauge().outerRadiusMm());
        Map<String, RiskGroup> groups = exact.groups();
        double worstSlack = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> e : c.entrySet()) {
            double req = required(groups.get(e.getKey()));
            if (!Double.isNaN(req)) {
                worstSlack = Math.min(worstSlack, e.getValue() - req);
            }
        }
        List<String> parts = new ArrayList<>();
        double cut = worstSlack + 1.5;
        c.entrySet().stream().filter(e -> !Double.isNaN(required(groups.get(e.getKey()))))
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue() - required(groups.get(e.getKey()))))
                .filter(e -> e.getValue() - required(groups.get(e.getKey())) <= cut)
                .limit(3)
                .forEach(e -> parts.add(String.format(Locale.ROOT, "%.1f mm from %s (%.1f mm required)",
                        Math.max(e.getValue(), 0), describe(e.getKey()), required(groups.get(e.getKey())))));
        if (parts.isEmpty()) {
            return "no path keeps the required margins";
        }
        return "no path keeps the required margins; the best passes " + String.join(" and ", parts);
    }

    private double required(RiskGroup g) {
        if (g == null) {
            return Double.NaN;
        }
        return switch (g) {
            case NEURAL -> options.minNeuralClearanceMm();
            case SI_JOINT -> options.minJointClearanceMm();
            case DISC -> options.minDiscClearanceMm();
            case SOFT_TISSUE -> options.minSoftTissueClearanceMm();
            case ANTERIOR_CORTEX -> Double.NaN;
        };
    }

    /** "foramen_S1_left" -> "the left S1 foramen". */
    public static String describe(String name) {
        if (name.startsWith("foramen_")) {
            String[] p = name.split("_");
            return "the " + p[2] + " " + p[1] + " foramen";
        }
        return switch (name) {
            case "sacral_canal" -> "the sacral canal";
            case "ilium_left" -> "the left ilium across the SI joint";
            case "ilium_right" -> "the right ilium across the SI joint";
            case "si_joint_left" -> "the left SI joint";
            case "si_joint_right" -> "the right SI joint";
            case "L5_S1_disc" -> "the L5-S1 disc";
            case "L5" -> "L5";
            case "sacrum" -> "the sacrum a second time";
            case "vessel" -> "a vessel";
            case "bowel" -> "bowel";
            case "anterior_cortex" -> "the anterior cortex";
            default -> name;
        };
    }

    private record Verified(NeedlePlan needle, String problem) {
    }

    private Verified verify(Side side, Approach approach, Walk w) {
        double r = options.gauge().outerRadiusMm();
        PatientPoint skin = w.target.minus(w.dir.times(w.skinT));
        PatientPoint boneEntry = w.target.minus(w.dir.times(w.boneEntryT));
        Map<String, Double> c = exact.clearancesMm(skin, w.target, r);
        Map<String, RiskGroup> groups = exact.groups();
        double min = Double.POSITIVE_INFINITY;
        String limiting = "none";
        for (Map.Entry<String, Double> e : c.entrySet()) {
            RiskGroup g = groups.get(e.getKey());
            double req = required(g);
            if (Double.isNaN(req)) {
                continue;
            }
            if (e.getValue() < req) {
                return new Verified(null, String.format(Locale.ROOT, "%.1f mm from %s (%.1f mm required)", e.getValue(),
                        describe(e.getKey()), req));
            }
            if (e.getValue() < min) {
                min = e.getValue();
                limiting = e.getKey();
            }
        }
        double tipAc = exact.pointDistanceMm("anterior_cortex", w.target);
        double ahead = boneAhead(w.target, w.dir);
        List<String> warnings = new ArrayList<>();
        if (Double.isInfinite(tipAc)) {
            warnings.add("the model marks no anterior cortex: tip depth checked only by the bone ahead of the tip");
            tipAc = ahead - halfVoxel;
        }
        if (tipAc < options.minTipBehindAnteriorCortexMm() || ahead < options.minTipBehindAnteriorCortexMm()) {
            return new Verified(null, String.format(Locale.ROOT, "tip only %.1f mm behind the anterior cortex", Math.min(tipAc, ahead)));
        }
        if (!insideSacrum(boneEntry, w.target, w.dir)) {
            return new Verified(null, "the bone part leaves the sacrum");
        }
        double corridor = 2 * exact.axisDistanceMm(boneEntry, w.target, RiskGroup.NEURAL, RiskGroup.SI_JOINT, RiskGroup.DISC);
        if (w.fovEdge) {
            warnings.add("the skin lies outside the CT's field of view: the entry shown is where the path leaves the image");
        }
        double cement = options.plannedCementMl();
        if (cement < PlanningOptions.CEMENT_WARN_MIN_ML || cement > PlanningOptions.CEMENT_WARN_MAX_ML) {
            warnings.add(String.format(Locale.ROOT, "planned cement %.1f mL lies outside 2-7 mL per side", cement));
        }
        PatientPoint d = w.dir;
        double toTable = Math.toDegrees(Math.asin(Math.min(1, Math.abs(d.y()))));
        double toAxial = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, d.z()))));
        double inPlane = Math.toDegrees(Math.atan2(d.x() * side.lpsXSign(), -d.y())) + 0.0;
        NeedleTrajectory traj = new NeedleTrajectory(skin, w.target, options.gauge());
        NeedlePlan p = new NeedlePlan(side, approach, traj, boneEntry, toTable, toAxial, inPlane, c, min, limiting,
                Math.max(0, corridor), tipAc, ahead, w.boneEntryT, cement, warnings);
        return new Verified(p, null);
    }

    private double boneAhead(PatientPoint tip, PatientPoint dir) {
        byte[] lab = model.labels().labelArray();
        double t = 0;
        for (; t < 200; t += 0.25) {
            int n = exact.nearestIndex(tip.plus(dir.times(t)));
            if (n < 0 || (lab[n] & 0xff) != Structure.SACRUM.label()) {
                break;
            }
        }
        return t;
    }

    private boolean insideSacrum(PatientPoint boneEntry, PatientPoint tip, PatientPoint dir) {
        byte[] lab = model.labels().labelArray();
        double len = boneEntry.distanceMm(tip);
        // the first half step straddles the bone surface
        for (double t = STEP_MM; t <= len; t += 0.1) {
            int n = exact.nearestIndex(boneEntry.plus(dir.times(t)));
            if (n < 0 || (lab[n] & 0xff) != Structure.SACRUM.label()) {
                return false;
            }
        }
        return true;
    }

    private static SideResult infeasible(Side side, Approach approach, String why) {
        return new SideResult(Optional.empty(), Optional.of(new InfeasibleSide(side, approach, side.lowerName() + ": " + why)));
    }

    // ---------------------------------------------------------------------------------------------------
    // targets and anatomy helpers

    /** The SI joint's line in the axial plane (unit, pointing anterior), from the fitted plane. */
    public Optional<PatientPoint> siJointAxialLine(Side side) {
        SiJoint j = model.siJoints().get(side);
        if (j == null || !j.detection().isFound()) {
            return Optional.empty();
        }
        PatientPoint n = j.fittedPlane().normal();
        PatientPoint u = new PatientPoint(-n.y(), n.x(), 0);
        if (u.normMm() < 1e-6) {
            return Optional.empty();
        }
        u = u.unit();
        if (u.y() > 0) {
            u = u.times(-1);
        }
        return Optional.of(u);
    }

    /**
     * The SI joint's axial line (unit, pointing anteriorly) on the axial slice at height z: the principal
     * direction, in the axial plane, of the model's joint surface points on that slice (widened by a slice
     * at a time, up to three, until at least six). The auricular surface turns from top to bottom, so an
     * oblique needle runs parallel to the joint where its target lies, as on the CT slice the radiologist
     * checks it on; {@code overall} (the joint's fitted plane) where the slices hold too few points.
     */
    PatientPoint jointLineOnSlice(Side side, double z, PatientPoint overall) {
        List<PatientPoint> all = model.siJoints().get(side).surfacePoints();
        double dz = Math.abs(grid.voxelToPatient().apply(0, 0, 1).z() - grid.voxelToPatient().apply(0, 0, 0).z());
        dz = dz > 1e-6 ? dz : sp[2];
        for (int widen = 0; widen <= 3; widen++) {
            double half = (widen + 0.5) * dz;
            double mx = 0;
            double my = 0;
            int cnt = 0;
            for (PatientPoint p : all) {
                if (Math.abs(p.z() - z) <= half) {
                    mx += p.x();
                    my += p.y();
                    cnt++;
                }
            }
            if (cnt < 6) {
                continue;
            }
            mx /= cnt;
            my /= cnt;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (PatientPoint p : all) {
                if (Math.abs(p.z() - z) <= half) {
                    sxx += (p.x() - mx) * (p.x() - mx);
                    syy += (p.y() - my) * (p.y() - my);
                    sxy += (p.x() - mx) * (p.y() - my);
                }
            }
            double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
            PatientPoint u = new PatientPoint(Math.cos(angle), Math.sin(angle), 0);
            return u.y() > 0 ? u.times(-1) : u;
        }
        return overall;
    }

    /** Patient z band (low, high) of the treated level. */
    double[] levelBand(SacralLevel level) {
        double top = Double.NEGATIVE_INFINITY;
        byte[] lab = model.labels().labelArray();
        int nx = grid.columns();
        int ny = grid.rows();
        for (int k = field.k0; k < field.k0 + field.nk; k++) {
            for (int j = field.j0; j < field.j0 + field.nj; j += 2) {
                for (int i = field.i0; i < field.i0 + field.ni; i += 2) {
                    if (lab[i + nx * (j + ny * k)] == Structure.SACRUM.label()) {
                        top = Math.max(top, grid.voxelCentre(i, j, k).z());
                    }
                }
            }
        }
        Optional<Double> z1 = foramenZ(SacralLevel.S1);
        Optional<Double> z2 = foramenZ(SacralLevel.S2);
        Optional<Double> z3 = foramenZ(SacralLevel.S3);
        if (level == SacralLevel.S1) {
            double lo = z1.isPresent() && z2.isPresent() ? (z1.get() + z2.get()) / 2 : top - 30;
            return new double[] {lo, top};
        }
        double hi = z1.isPresent() && z2.isPresent() ? (z1.get() + z2.get()) / 2 : top - 30;
        double lo = z2.isPresent() && z3.isPresent() ? (z2.get() + z3.get()) / 2 : hi - 20;
        return new double[] {lo, hi};
    }

    private Optional<Double> foramenZ(SacralLevel l) {
        List<Double> zs = model.foramina().stream().filter(f -> f.level() == l && f.detection().isFound())
                .map(f -> f.centre().z()).toList();
        return zs.isEmpty() ? Optional.empty() : Optional.of(zs.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    /**
     * Targets lie at least this far (mm) from the mid-sagittal plane, whatever the model's ala says: the
     * sacral canal is about 30 mm wide at S1, and the ala begins lateral to the S1 foramen. A safety floor
     * against a model whose foramina are misplaced (then its "ala" can reach the S1 body and the canal).
     */
    static final double MIN_TARGET_LATERAL_MM = 20;

    /**
     * Vertical targets lie at least this far (mm) from the mid-sagittal plane on a side whose S1 foramen the
     * model does not hold for sure (missing, or doubted because it has no mirror image), since the
     * nerve-root clearance then rests on nothing. The S1 root runs from the posterior foramen, 23.5 +/- 2.8
     * mm from the mid-line (16-32 mm; Kim YS et al., Korean J Pain 2023;36:98-105, 632 CTs), to the
     * anterior foramen about 10 mm more laterally (Radiologic and anatomic evaluation of the anterior sacral
     * foramens and nerve grooves, Spine 1996;21:407-410): a vertical needle, which crosses the sacrum from
     * back to front at one distance from the mid-line, meets that course anywhere from about 20 to 35 mm.
     * An oblique needle crosses the band once, at a slant; it keeps the 20 mm floor and the model's
     * clearances, and the plan carries the model's doubt as a warning.
     */
    static final double UNVERIFIED_S1_FORAMEN_LATERAL_MM = 35;

    /** The lateral floor of targets: 35 mm for vertical needles on a side without a sure S1 foramen, else 20. */
    double targetFloorMm(Side side, Approach approach) {
        return approach == Approach.VERTICAL && !s1ForamenIsSure(side) ? UNVERIFIED_S1_FORAMEN_LATERAL_MM
                : MIN_TARGET_LATERAL_MM;
    }

    private boolean s1ForamenIsSure(Side side) {
        return model.foramen(SacralLevel.S1, side)
                .filter(f -> f.detection().isFound() && f.detection().reason().isEmpty()).isPresent();
    }

    /** Candidate targets: sacral bone of the side's ala at the level, behind the anterior cortex, clear of nerves. */
    List<PatientPoint> targets(Side side, SacralLevel level, Approach approach) {
        double[] band = levelBand(level);
        byte[] lab = model.labels().labelArray();
        byte[] fl = model.partFlags();
        int alaFlag = side == Side.LEFT ? PartFlags.ALA_LEFT : PartFlags.ALA_RIGHT;
        boolean haveAla = false;
        for (byte f : fl) {
            if ((f & alaFlag) != 0) {
                haveAla = true;
                break;
            }
        }
        double lateralMin = lateralLimitMm(side);
        double floor = targetFloorMm(side, approach);
        int[] stride = new int[3];
        for (int a = 0; a < 3; a++) {
            stride[a] = Math.max(1, (int) Math.round(options.targetStrideMm() / sp[a]));
        }
        float[] mN = field.map(RiskGroup.NEURAL);
        float[] mA = field.map(RiskGroup.ANTERIOR_CORTEX);
        double r = options.gauge().outerRadiusMm();
        List<PatientPoint> out = new ArrayList<>();
        int nx = grid.columns();
        int ny = grid.rows();
        for (int c = 0; c < field.nk; c += stride[2]) {
            for (int b = 0; b < field.nj; b += stride[1]) {
                for (int a = 0; a < field.ni; a += stride[0]) {
                    int i = a + field.i0;
                    int j = b + field.j0;
                    int k = c + field.k0;
                    int n = i + nx * (j + ny * k);
                    if (lab[n] != Structure.SACRUM.label()) {
                        continue;
                    }
                    if (haveAla ? (fl[n] & alaFlag) == 0 : false) {
                        continue;
                    }
                    PatientPoint p = grid.voxelCentre(i, j, k);
                    if (p.z() < band[0] || p.z() > band[1]) {
                        continue;
                    }
                    double lateral = model.midSagittal().signedDistanceMm(p) * side.lpsXSign() * normalXSign();
                    if (lateral < floor || !haveAla && lateral < lateralMin) {
                        continue;
                    }
                    int q = a + field.ni * (b + field.nj * c);
                    double ac = mA[q] - halfVoxel;
                    if (ac < options.minTipBehindAnteriorCortexMm() || ac > 25) {
                        continue;
                    }
                    if (mN[q] - halfVoxel - r < options.minNeuralClearanceMm()) {
                        continue;
                    }
                    out.add(p);
                }
            }
        }
        return out;
    }

    private double normalXSign() {
        return model.midSagittal().normal().x() >= 0 ? 1 : -1;
    }

    /** Without ala flags: targets must lie lateral to the S1 foramen centre (or 20 mm from the mid-line). */
    private double lateralLimitMm(Side side) {
        Optional<Foramen> f = model.foramen(SacralLevel.S1, side).filter(x -> x.detection().isFound());
        if (f.isPresent()) {
            return Math.abs(model.midSagittal().signedDistanceMm(f.get().centre()));
        }
        return 20;
    }

    // ---------------------------------------------------------------------------------------------------
    // long axis

    private SideResult planLongAxis(Side side, SacralLevel level) {
        SiJoint j = model.siJoints().get(side);
        Optional<Foramen> s3 = model.foramen(SacralLevel.S3, side).filter(f -> f.detection().isFound());
        if (j == null || j.surfacePoints().isEmpty() || s3.isEmpty()) {
            return infeasible(side, Approach.LONG_AXIS, "the long-axis approach needs the " + side.lowerName()
                    + " SI joint and S3 foramen, which the model does not hold");
        }
        double zLow = j.surfacePoints().stream().mapToDouble(PatientPoint::z).min().orElseThrow();
        // the lower end of the joint as seen from behind: the most posterior of its lowest points
        PatientPoint low = j.surfacePoints().stream().filter(p -> p.z() < zLow + 3)
                .max(Comparator.comparingDouble(PatientPoint::y)).orElseThrow();
        PatientPoint s3edge = lateralEdge(Structure.foramen(SacralLevel.S3, side), s3.get().centre(), side);
        PatientPoint mid = low.plus(s3edge).times(0.5);
        Optional<PatientPoint> aim = s1Body();
        if (aim.isEmpty()) {
            return infeasible(side, Approach.LONG_AXIS, "the S1 body could not be located in the model");
        }
        List<Walk> ok = new ArrayList<>();
        Walk bestFailing = null;
        for (double ex = -6; ex <= 6; ex += 3) {
            for (double ez = -6; ez <= 6; ez += 3) {
                Optional<PatientPoint> onSurface = posteriorSurface(mid.plus(new PatientPoint(ex, 0, ez)));
                if (onSurface.isEmpty()) {
                    continue;
                }
                PatientPoint m = onSurface.get();
                for (double ax = -8; ax <= 8; ax += 4) {
                    for (double az = -8; az <= 8; az += 4) {
                        PatientPoint a = aim.get().plus(new PatientPoint(ax, 0, az));
                        if (a.distanceMm(m) < 20) {
                            continue;
                        }
                        PatientPoint d = a.minus(m).unit();
                        Optional<PatientPoint> tip = advance(m, a, d);
                        if (tip.isEmpty()) {
                            continue;
                        }
                        Walk w = walk(tip.get(), d, Math.toDegrees(Math.asin(d.z())));
                        w.score = Math.min(w.worstSlack, 5) + 0.02 * w.boneEntryT;
                        if (feasible(w)) {
                            ok.add(w);
                        } else if (bestFailing == null || rank(w) > rank(bestFailing)) {
                            bestFailing = w;
                        }
                    }
                }
            }
        }
        return choose(side, Approach.LONG_AXIS, ok, bestFailing);
    }

    /** Farthest point from m towards a (not beyond) that stays in sacral bone, clear of nerves, behind the cortex. */
    private Optional<PatientPoint> advance(PatientPoint m, PatientPoint a, PatientPoint d) {
        double len = m.distanceMm(a);
        byte[] lab = model.labels().labelArray();
        double r = options.gauge().outerRadiusMm();
        PatientPoint last = null;
        boolean entered = false;
        for (double t = 0; t <= len; t += STEP_MM) {
            PatientPoint p = m.plus(d.times(t));
            PatientPoint v = toVoxel.apply(p);
            int i = (int) Math.round(v.x());
            int j = (int) Math.round(v.y());
            int k = (int) Math.round(v.z());
            if (!grid.contains(i, j, k)) {
                break;
            }
            boolean inBone = lab[grid.index(i, j, k)] == Structure.SACRUM.label();
            if (!entered) {
                if (inBone) {
                    entered = true;
                } else if (t > 15) {
                    return Optional.empty();
                } else {
                    continue;
                }
            }
            if (!inBone) {
                break;
            }
            double n = field.distanceMm(RiskGroup.NEURAL, i, j, k) - halfVoxel - r - 1.0;
            double dd = field.distanceMm(RiskGroup.DISC, i, j, k) - halfVoxel - r - 1.0;
            if (n < options.minNeuralClearanceMm() || dd < options.minDiscClearanceMm()) {
                break;
            }
            double ac = field.distanceMm(RiskGroup.ANTERIOR_CORTEX, i, j, k) - halfVoxel - 1.0;
            if (ac >= options.minTipBehindAnteriorCortexMm()) {
                last = p;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The posterior sacral surface point with the same x and z as p (LPS: posterior is +y). */
    private Optional<PatientPoint> posteriorSurface(PatientPoint p) {
        byte[] lab = model.labels().labelArray();
        for (double y = p.y() + 120; y >= p.y() - 120; y -= STEP_MM) {
            int n = exact.nearestIndex(new PatientPoint(p.x(), y, p.z()));
            if (n >= 0 && lab[n] == Structure.SACRUM.label()) {
                return Optional.of(new PatientPoint(p.x(), y + STEP_MM, p.z()));
            }
        }
        return Optional.empty();
    }

    private PatientPoint lateralEdge(Structure s, PatientPoint fallback, Side side) {
        byte[] lab = model.labels().labelArray();
        double best = Double.NEGATIVE_INFINITY;
        PatientPoint out = fallback;
        byte v = (byte) s.label();
        for (int k = field.k0; k < field.k0 + field.nk; k++) {
            for (int j = field.j0; j < field.j0 + field.nj; j++) {
                for (int i = field.i0; i < field.i0 + field.ni; i++) {
                    if (lab[grid.index(i, j, k)] == v) {
                        PatientPoint p = grid.voxelCentre(i, j, k);
                        double lat = model.midSagittal().signedDistanceMm(p) * normalXSign() * side.lpsXSign();
                        if (lat > best && Math.abs(p.z() - fallback.z()) < 3) {
                            best = lat;
                            out = p;
                        }
                    }
                }
            }
        }
        return out;
    }

    private Optional<PatientPoint> s1Body() {
        Optional<Double> z1 = foramenZ(SacralLevel.S1);
        if (z1.isEmpty()) {
            return Optional.empty();
        }
        double yRef = model.foramina().stream().filter(f -> f.level() == SacralLevel.S1)
                .mapToDouble(f -> f.centre().y()).average().orElse(0);
        byte[] lab = model.labels().labelArray();
        double sx = 0;
        double sy = 0;
        double sz = 0;
        int n = 0;
        for (int k = field.k0; k < field.k0 + field.nk; k++) {
            for (int j = field.j0; j < field.j0 + field.nj; j++) {
                for (int i = field.i0; i < field.i0 + field.ni; i++) {
                    if (lab[grid.index(i, j, k)] != Structure.SACRUM.label()) {
                        continue;
                    }
                    PatientPoint p = grid.voxelCentre(i, j, k);
                    if (Math.abs(p.z() - z1.get()) < 4 && Math.abs(model.midSagittal().signedDistanceMm(p)) < 8
                            && p.y() < yRef) {
                        sx += p.x();
                        sy += p.y();
                        sz += p.z();
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(new PatientPoint(sx / n, sy / n, sz / n));
    }

    private static double sq(double v) {
        return v * v;
    }
}
