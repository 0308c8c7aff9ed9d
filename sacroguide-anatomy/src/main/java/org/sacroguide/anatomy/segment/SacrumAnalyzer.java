package org.sacroguide.anatomy.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sacroguide.anatomy.AlaDensity;
import org.sacroguide.anatomy.DenisZone;
import org.sacroguide.anatomy.Detection;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.FractureCandidate;
import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.Plane;
import org.sacroguide.anatomy.PlaneFit;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SacrumModel.PartFlags;
import org.sacroguide.anatomy.SiJoint;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Derives the rest of the {@link SacrumModel} from a given sacrum mask on the CT grid (from
 * {@link SacrumSegmenter} or from a mask the user supplies, see {@link #fromMasks}): the central canal
 * (holes of the sacrum in axial slices, near the mid-line, dark on CT), the foramina (holes in coronal
 * slices lateral to the canal, ordered S1-S4 from the head down on each side), the SI joint surface
 * (sacral surface voxels within a few mm of the ilium), cortex and anterior cortex, the ala, the mid-sagittal
 * plane, alar density, fracture candidates (low-density or sclerotic bands in the ala) and warnings. Works
 * in a box around the sacrum; sacrum, canal and foramina voxels never overlap.
 */
public final class SacrumAnalyzer {

    /** Nominal cortical thickness, mm; on coarse grids at least one voxel. */
    static final double CORTEX_MM = 2.0;
    /** Sacral surface this close to the ilium (mm, at least one and a half voxels) is joint surface. */
    static final double JOINT_MM = 4.0;
    static final short METAL_HU = 2500;
    static final double LOW_DENSITY_HU = 100;

    private SacrumAnalyzer() {
    }

    /** The model from the bone separation of {@link SacrumSegmenter}. */
    public static SacrumModel analyze(CtVolume ct, BoneLabels bones) {
        byte[] b = bones.labels();
        boolean[] sacrum = new boolean[b.length];
        for (int n = 0; n < b.length; n++) {
            sacrum[n] = b[n] == Structure.SACRUM.label();
        }
        return derive(ct, sacrum, b, bones.midlineXMm(), new ArrayList<>());
    }

    /**
     * The model from user-supplied masks on the CT's grid (same size as the CT; resample first with
     * {@link MaskInput}): the sacrum mask is checked (not empty, one connected piece up to specks of less
     * than 2% of its volume, which are dropped with a warning) and its enclosed cavities are filled; ilium
     * and L5 masks, when given, label those bones and define the SI joints.
     */
    public static SacrumModel fromMasks(CtVolume ct, boolean[] sacrumMask, boolean[] iliumLeft, boolean[] iliumRight,
                                        boolean[] l5) throws InvalidMaskException {
        VoxelGrid vg = ct.grid();
        if (sacrumMask.length != vg.voxelCount()) {
            throw new InvalidMaskException("the sacrum mask does not lie on the CT's grid");
        }
        List<String> warnings = new ArrayList<>();
        double[] sp = vg.spacingMm();
        Grid3 g = new Grid3(vg.columns(), vg.rows(), vg.slices(), sp[0], sp[1], sp[2]);
        List<Integer> sizes = new ArrayList<>();
        int[] comp = Morphology.components(sacrumMask, g, sizes);
        int total = 0;
        int best = 0;
        for (int c = 1; c < sizes.size(); c++) {
            total += sizes.get(c);
            if (best == 0 || sizes.get(c) > sizes.get(best)) {
                best = c;
            }
        }
        if (best == 0) {
            throw new InvalidMaskException("the sacrum mask is empty: it marks no voxel of the CT");
        }
        int pieces = 0;
        for (int c = 1; c < sizes.size(); c++) {
            if (c != best && sizes.get(c) > 0.02 * total) {
                pieces++;
            }
        }
        if (pieces > 0) {
            throw new InvalidMaskException(String.format(Locale.ROOT,
                    "the sacrum mask is in %d separate pieces larger than 2%% of it; supply one connected sacrum",
                    pieces + 1));
        }
        boolean[] s = new boolean[sacrumMask.length];
        int kept = 0;
        for (int n = 0; n < s.length; n++) {
            s[n] = comp[n] == best;
            kept += s[n] ? 1 : 0;
        }
        if (kept < total) {
            warnings.add(String.format(Locale.ROOT, "dropped %d stray voxels of the sacrum mask not connected to it",
                    total - kept));
        }
        boolean[] filled = Morphology.fillHoles3d(s, g);
        int holes = 0;
        for (int n = 0; n < s.length; n++) {
            if (filled[n] && !s[n]) {
                holes++;
            }
        }
        if (holes > 0) {
            warnings.add(String.format(Locale.ROOT, "filled %d voxels of enclosed holes in the sacrum mask", holes));
        }
        byte[] bones = new byte[s.length];
        for (int n = 0; n < s.length; n++) {
            if (filled[n]) {
                bones[n] = (byte) Structure.SACRUM.label();
            } else if (iliumLeft != null && iliumLeft[n]) {
                bones[n] = (byte) Structure.ILIUM_LEFT.label();
            } else if (iliumRight != null && iliumRight[n]) {
                bones[n] = (byte) Structure.ILIUM_RIGHT.label();
            } else if (l5 != null && l5[n]) {
                bones[n] = (byte) Structure.L5.label();
            }
        }
        double sx = 0;
        int cnt = 0;
        Affine a = vg.voxelToPatient();
        for (int n = 0; n < s.length; n++) {
            if (filled[n]) {
                sx += a.apply(g.i(n), g.j(n), g.k(n)).x();
                cnt++;
            }
        }
        boolean iliaGiven = iliumLeft != null || iliumRight != null;
        return derive(ct, filled, bones, sx / cnt, warnings, iliaGiven, false);
    }

    static SacrumModel derive(CtVolume ct, boolean[] sacrumFull, byte[] bonesFull, double midlineGuessMm,
                              List<String> warnings) {
        return derive(ct, sacrumFull, bonesFull, midlineGuessMm, warnings, true, true);
    }

    /**
     * The model inside a sacrum mask. {@code ownSegmentation}: the mask is this module's, whose canal wall may
     * be refined ({@link #canalWall}); a user's mask is kept voxel for voxel.
     */
    private static SacrumModel derive(CtVolume ct, boolean[] sacrumFull, byte[] bonesFull, double midlineGuessMm,
                                      List<String> warnings, boolean iliaLabelled, boolean ownSegmentation) {
        VoxelGrid vg = ct.grid();
        double[] sp = vg.spacingMm();
        Affine a = vg.voxelToPatient();
        // box around the sacrum
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        int nxF = vg.columns();
        int nyF = vg.rows();
        for (int n = 0; n < sacrumFull.length; n++) {
            if (sacrumFull[n]) {
                int i = n % nxF;
                int j = (n / nxF) % nyF;
                int k = n / (nxF * nyF);
                lo[0] = Math.min(lo[0], i);
                lo[1] = Math.min(lo[1], j);
                lo[2] = Math.min(lo[2], k);
                hi[0] = Math.max(hi[0], i);
                hi[1] = Math.max(hi[1], j);
                hi[2] = Math.max(hi[2], k);
            }
        }
        byte[] labelsFull = new byte[vg.voxelCount()];
        for (int n = 0; n < labelsFull.length; n++) {
            byte v = bonesFull[n];
            if (v == Structure.ILIUM_LEFT.label() || v == Structure.ILIUM_RIGHT.label() || v == Structure.L5.label()) {
                labelsFull[n] = v;
            }
        }
        if (hi[0] < 0) {
            LabelMap empty = new LabelMap(vg, labelsFull);
            Map<Structure, Detection> det = new EnumMap<>(Structure.class);
            det.put(Structure.SACRUM, Detection.notFound("no sacrum in the mask"));
            return new SacrumModel(empty, new byte[labelsFull.length], new Plane(vg.centre(), new PatientPoint(1, 0, 0)),
                    List.of(), Map.of(), Map.of(), List.of(), det, warnings);
        }
        boolean cutLow = lo[2] == 0;
        boolean cutHigh = hi[2] == vg.slices() - 1;
        int[] margin = new int[3];
        for (int d = 0; d < 3; d++) {
            margin[d] = (int) Math.ceil(15 / sp[d]);
        }
        int i0 = Math.max(0, lo[0] - margin[0]);
        int j0 = Math.max(0, lo[1] - margin[1]);
        int k0 = Math.max(0, lo[2] - margin[2]);
        int i1 = Math.min(vg.columns() - 1, hi[0] + margin[0]);
        int j1 = Math.min(vg.rows() - 1, hi[1] + margin[1]);
        int k1 = Math.min(vg.slices() - 1, hi[2] + margin[2]);
        Grid3 g = new Grid3(i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1, sp[0], sp[1], sp[2]);
        Box box = new Box(g, i0, j0, k0, a, vg);
        short[] hu = ct.crop(i0, j0, k0, g.nx(), g.ny(), g.nz()).huArray();
        boolean[] s = new boolean[g.size()];
        byte[] bones = new byte[g.size()];
        for (int n = 0; n < s.length; n++) {
            int f = box.full(n);
            s[n] = sacrumFull[f];
            bones[n] = bonesFull[f];
        }
        // mid-line: per-slice plane of mirror symmetry of the bone, fitted as x = c0 + c1 * z
        double[] midFit = midline(s, hu, box, midlineGuessMm);
        // canal: axial holes near the mid-line, dark, and the wall voxels that are mostly canal
        boolean[] axialHoles = enclosedBySacrum(s, bones, hu, box);
        boolean[] cand = new boolean[s.length];
        for (int n = 0; n < s.length; n++) {
            cand[n] = axialHoles[n] && !s[n] && hu[n] < 150;
        }
        List<Integer> sizes = new ArrayList<>();
        int[] comp = Morphology.components(cand, g, sizes);
        double[][] stats = componentStats(comp, sizes.size(), box);
        boolean[] canal = new boolean[s.length];
        int canalComp = 0;
        for (int c = 1; c < sizes.size(); c++) {
            double dx = Math.abs(fromMidlineMm(midFit, stats[c][1], stats[c][3]));
            if (dx < 15 && sizes.get(c) * g.voxelVolumeMm3() >= 100
                    && (canalComp == 0 || sizes.get(c) > sizes.get(canalComp))) {
                canalComp = c;
            }
        }
        for (int n = 0; n < s.length; n++) {
            canal[n] = canalComp != 0 && comp[n] == canalComp;
        }
        if (ownSegmentation) {
            canalWall(canal, s, axialHoles, hu, g);
        }
        // foramina: coronal holes of sacrum + canal, lateral to the canal
        boolean[] sc = new boolean[s.length];
        for (int n = 0; n < s.length; n++) {
            sc[n] = s[n] || canal[n];
        }
        boolean[] coronalHoles = Morphology.fillHoles2d(sc, g, 1);
        boolean[] fc = new boolean[s.length];
        for (int n = 0; n < s.length; n++) {
            fc[n] = coronalHoles[n] && !sc[n] && hu[n] < 150;
        }
        int[] fcomp = Morphology.components(fc, g, sizes);
        double[][] fstats = componentStats(fcomp, sizes.size(), box);
        Map<Side, List<Integer>> bySide = new EnumMap<>(Side.class);
        bySide.put(Side.LEFT, new ArrayList<>());
        bySide.put(Side.RIGHT, new ArrayList<>());
        double minForamenMm3 = Math.max(15, 1.5 * g.voxelVolumeMm3());
        double[] beyondCanal = lateralToCanal(fcomp, sizes.size(), canal, box, midFit);
        for (int c = 1; c < sizes.size(); c++) {
            double dx = fromMidlineMm(midFit, fstats[c][1], fstats[c][3]);
            if (Math.abs(dx) >= 6 && Math.abs(dx) <= 45 && sizes.get(c) * g.voxelVolumeMm3() >= minForamenMm3
                    && beyondCanal[c] > 0.5) {
                bySide.get(dx > 0 ? Side.LEFT : Side.RIGHT).add(c);
            }
        }
        byte[] lab = new byte[s.length];
        for (int n = 0; n < s.length; n++) {
            if (s[n]) {
                lab[n] = (byte) Structure.SACRUM.label();
            } else if (canal[n]) {
                lab[n] = (byte) Structure.SACRAL_CANAL.label();
            }
        }
        List<Foramen> foramina = new ArrayList<>();
        Map<Structure, Detection> det = new EnumMap<>(Structure.class);
        double[] s1Lateral = new double[2];
        double[] s2z = {Double.NaN, Double.NaN};
        for (Side side : Side.values()) {
            List<Integer> cs = bySide.get(side);
            // the four largest, then ordered from the head down
            cs.sort(Comparator.comparingInt((Integer c) -> -sizes.get(c)));
            List<Integer> top = new ArrayList<>(cs.subList(0, Math.min(4, cs.size())));
            top.sort(Comparator.comparingDouble((Integer c) -> -fstats[c][3]));
            for (int l = 0; l < 4; l++) {
                SacralLevel level = SacralLevel.values()[l];
                Structure st = Structure.foramen(level, side);
                if (l >= top.size()) {
                    det.put(st, Detection.notFound("no foramen-shaped hole found in the sacrum at " + level + " on the "
                            + side.lowerName() + (cutLow ? " (sacrum cut by the field of view)" : "")));
                    continue;
                }
                int c = top.get(l);
                for (int n = 0; n < s.length; n++) {
                    if (fcomp[n] == c) {
                        lab[n] = (byte) st.label();
                    }
                }
                PatientPoint centre = new PatientPoint(fstats[c][1], fstats[c][2], fstats[c][3]);
                List<PatientPoint> line = centreLine(fcomp, c, box);
                double conf = Math.min(0.9, 0.4 + 0.1 * top.size());
                Detection d = Detection.found(conf);
                det.put(st, d);
                foramina.add(new Foramen(level, side, centre, line, d));
                double vol = sizes.get(c) * g.voxelVolumeMm3();
                double lengthMm = Math.max(g.sy(), line.size() * g.sy());
                double radius = Math.sqrt(vol / lengthMm / Math.PI);
                if (l == 0) {
                    s1Lateral[side.ordinal()] = Math.abs(fromMidlineMm(midFit, fstats[c][1], fstats[c][3])) + radius;
                }
                if (l == 1) {
                    s2z[side.ordinal()] = fstats[c][3];
                }
            }
        }
        foramina = doubtUnpairedForamina(foramina, midFit, det, warnings, g.maxSpacingMm());
        // part flags
        boolean[] outside = new boolean[s.length];
        for (int n = 0; n < s.length; n++) {
            outside[n] = !s[n];
        }
        float[] d2 = Morphology.squaredDistanceMm2(outside, g);
        double cortexMm = Math.max(CORTEX_MM, g.maxSpacingMm());
        double c2 = cortexMm * cortexMm + 1e-6;
        byte[] flags = new byte[s.length];
        double[] zRange = box.zRange(s);
        double zBottom = zRange[0];
        double zTop = zRange[1];
        int antAxis = box.axisMostAlong(1);
        int antStep = box.stepTowards(antAxis, 1, -1);
        for (int n = 0; n < s.length; n++) {
            if (!s[n]) {
                continue;
            }
            int f = d2[n] <= c2 ? PartFlags.CORTEX : PartFlags.TRABECULAR;
            flags[n] = (byte) f;
        }
        // anterior cortex: from each anterior-facing surface voxel, the cortex behind it
        int cortexSteps = (int) Math.max(1, Math.round(cortexMm / g.spacingMm(antAxis)));
        for (int n = 0; n < s.length; n++) {
            if (!s[n]) {
                continue;
            }
            int q = box.neighbour(n, antAxis, antStep);
            boolean face = q < 0 || !s[q] && lab[q] == 0;
            if (!face) {
                continue;
            }
            int m = n;
            for (int t = 0; t < cortexSteps && m >= 0 && s[m]; t++) {
                flags[m] |= PartFlags.ANTERIOR_CORTEX | PartFlags.CORTEX;
                flags[m] &= ~PartFlags.TRABECULAR;
                m = box.neighbour(m, antAxis, -antStep);
            }
        }
        // ala, and Denis zone I: lateral to the S1 foramen's lateral edge (25 mm where it was not found)
        double[] zoneIMedialMm = new double[2];
        for (Side side : Side.values()) {
            zoneIMedialMm[side.ordinal()] = s1Lateral[side.ordinal()] > 0 ? s1Lateral[side.ordinal()] : 25;
        }
        double height = zTop - zBottom;
        Map<Side, AlaDensity> density = new EnumMap<>(Side.class);
        double[] sum = new double[2];
        double[] sum2 = new double[2];
        int[] cnt = new int[2];
        for (int n = 0; n < s.length; n++) {
            if (!s[n]) {
                continue;
            }
            double x = box.x(n);
            double z = box.z(n);
            double dx = fromMidlineMm(midFit, x, z);
            Side side = dx > 0 ? Side.LEFT : Side.RIGHT;
            double medial = zoneIMedialMm[side.ordinal()];
            double zMin = Double.isNaN(s2z[side.ordinal()]) ? zTop - 0.4 * height : s2z[side.ordinal()];
            if (Math.abs(dx) >= medial && z >= zMin) {
                flags[n] |= side == Side.LEFT ? PartFlags.ALA_LEFT : PartFlags.ALA_RIGHT;
                if ((flags[n] & PartFlags.TRABECULAR) != 0) {
                    int si = side.ordinal();
                    sum[si] += hu[n];
                    sum2[si] += (double) hu[n] * hu[n];
                    cnt[si]++;
                }
            }
        }
        for (Side side : Side.values()) {
            int si = side.ordinal();
            if (cnt[si] > 0) {
                double mean = sum[si] / cnt[si];
                double sd = Math.sqrt(Math.max(0, sum2[si] / cnt[si] - mean * mean));
                density.put(side, new AlaDensity(side, mean, sd, cnt[si]));
                if (mean < LOW_DENSITY_HU) {
                    warnings.add(String.format(Locale.ROOT,
                            "very low bone density in the %s sacral ala (mean %.0f HU): check the bone before planning",
                            side.lowerName(), mean));
                }
            }
        }
        // SI joints
        Map<Side, SiJoint> joints = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            byte il = (byte) (side == Side.LEFT ? Structure.ILIUM_LEFT.label() : Structure.ILIUM_RIGHT.label());
            boolean[] ilium = new boolean[s.length];
            int ilCount = 0;
            for (int n = 0; n < s.length; n++) {
                if (iliaLabelled) {
                    ilium[n] = bones[n] == il;
                } else {
                    double dx = fromMidlineMm(midFit, box.x(n), box.z(n));
                    ilium[n] = !s[n] && !canal[n] && hu[n] >= SacrumSegmenter.BONE_HU * 2 && dx * side.lpsXSign() > 0;
                }
                ilCount += ilium[n] ? 1 : 0;
            }
            Structure ilS = side == Side.LEFT ? Structure.ILIUM_LEFT : Structure.ILIUM_RIGHT;
            if (ilCount == 0) {
                joints.put(side, new SiJoint(side, List.of(), new Plane(vg.centre(), new PatientPoint(1, 0, 0)),
                        Detection.notFound("no " + side.lowerName() + " ilium next to the sacrum")));
                continue;
            }
            float[] di = Morphology.squaredDistanceMm2(ilium, g);
            double jm = Math.max(JOINT_MM, 1.5 * g.maxSpacingMm());
            double jm2 = jm * jm;
            List<PatientPoint> pts = new ArrayList<>();
            List<PatientPoint> gapPts = new ArrayList<>();
            int xAxis = box.axisMostAlong(0);
            double half = 0.5 * g.spacingMm(xAxis);
            for (int n = 0; n < s.length; n++) {
                if (!s[n] || di[n] > jm2) {
                    continue;
                }
                double dx = fromMidlineMm(midFit, box.x(n), box.z(n));
                if (dx * side.lpsXSign() <= 0) {
                    continue;
                }
                int lateral = box.neighbour(n, xAxis, box.stepTowards(xAxis, 0, side.lpsXSign()));
                if (lateral >= 0 && s[lateral]) {
                    continue;
                }
                PatientPoint p = box.point(n);
                double shiftMm = jointGapEdgeMm(hu, n, box, xAxis, box.stepTowards(xAxis, 0, side.lpsXSign()));
                if (Double.isNaN(shiftMm)) {
                    pts.add(new PatientPoint(p.x() + side.lpsXSign() * half, p.y(), p.z()));
                } else {
                    gapPts.add(new PatientPoint(p.x() + side.lpsXSign() * shiftMm, p.y(), p.z()));
                }
            }
            // where the scan shows the gap along most of the contact, the rest is ligament, not joint surface
            if (gapPts.size() >= pts.size()) {
                pts = gapPts;
            } else {
                pts.addAll(gapPts);
            }
            if (pts.size() < 10) {
                joints.put(side, new SiJoint(side, pts, new Plane(vg.centre(), new PatientPoint(1, 0, 0)),
                        Detection.notFound("the sacrum does not meet the " + side.lowerName() + " ilium")));
                continue;
            }
            Plane plane = PlaneFit.fit(pts);
            List<PatientPoint> onPlane = nearPlane(plane, pts, g.maxSpacingMm());
            if (onPlane.size() >= 10 && onPlane.size() < pts.size()) {
                pts = onPlane;
                plane = PlaneFit.fit(pts);
            }
            double rms = PlaneFit.rmsDistanceMm(plane, pts);
            double conf = Math.max(0.1, Math.min(0.9, 0.9 - rms / 20));
            joints.put(side, new SiJoint(side, pts, plane, Detection.found(conf)));
            if (iliaLabelled) {
                det.put(ilS, Detection.found(0.7));
            }
        }
        // fractures
        List<FractureCandidate> fractures = fractureCandidates(s, lab, flags, hu, box, midFit, zoneIMedialMm);
        // warnings
        if (cutLow || cutHigh) {
            warnings.add(String.format(Locale.ROOT,
                    "the sacrum is cut by the field of view at its %s end (z = %.1f mm): parts of it are missing",
                    cutLow ? "lower" : "upper", cutLow ? zBottom : zTop));
        }
        int metal = 0;
        for (short v : hu) {
            if (v >= METAL_HU) {
                metal++;
            }
        }
        if (metal * g.voxelVolumeMm3() >= 500) {
            warnings.add(String.format(Locale.ROOT,
                    "metal near the sacrum (%.1f mL above %d HU, e.g. a hip prosthesis): streaks may distort "
                            + "bone edges and density", metal * g.voxelVolumeMm3() / 1000, METAL_HU));
        }
        // label map on the CT grid
        for (int n = 0; n < s.length; n++) {
            if (lab[n] != 0) {
                labelsFull[box.full(n)] = lab[n];
            }
        }
        LabelMap labels = new LabelMap(vg, labelsFull);
        byte[] flagsFull = new byte[vg.voxelCount()];
        for (int n = 0; n < s.length; n++) {
            if (flags[n] != 0) {
                flagsFull[box.full(n)] = flags[n];
            }
        }
        det.put(Structure.SACRUM, Detection.found(cutLow || cutHigh ? 0.5 : 0.8));
        det.put(Structure.SACRAL_CANAL, canalDetection(canal, box, zTop - zBottom, warnings));
        if (labels.count(Structure.L5) > 0) {
            det.put(Structure.L5, Detection.found(0.6));
        } else {
            det.putIfAbsent(Structure.L5, Detection.notFound("L5 not separated (above the field of view or not given)"));
        }
        det.putIfAbsent(Structure.ILIUM_LEFT, Detection.notFound("left ilium not labelled"));
        det.putIfAbsent(Structure.ILIUM_RIGHT, Detection.notFound("right ilium not labelled"));
        det.put(Structure.L5_S1_DISC, Detection.notFound("the disc is not labelled by the automatic segmentation"));
        double zc = (zTop + zBottom) / 2;
        PatientPoint normal = new PatientPoint(1, 0, -midFit[1]);
        double yc = 0;
        int ny = 0;
        for (int n = 0; n < s.length; n++) {
            if (s[n]) {
                yc += box.y(n);
                ny++;
            }
        }
        Plane mid = new Plane(new PatientPoint(midFit[0] + midFit[1] * zc, yc / ny, zc), normal);
        return new SacrumModel(labels, flagsFull, mid, foramina, joints, density, fractures, det, warnings);
    }

    /** Per component: [count, mean x, mean y, mean z] in LPS mm. */
    private static double[][] componentStats(int[] comp, int n, Box box) {
        double[][] st = new double[n][4];
        for (int v = 0; v < comp.length; v++) {
            int c = comp[v];
            if (c == 0) {
                continue;
            }
            PatientPoint p = box.point(v);
            st[c][0]++;
            st[c][1] += p.x();
            st[c][2] += p.y();
            st[c][3] += p.z();
        }
        for (int c = 1; c < n; c++) {
            if (st[c][0] > 0) {
                st[c][1] /= st[c][0];
                st[c][2] /= st[c][0];
                st[c][3] /= st[c][0];
            }
        }
        return st;
    }

    /**
     * Per component, the share of its voxels that lie farther from the mid-line than the canal reaches in
     * their axial slice (1 where the slice holds no canal). A hole within the canal's own span is a lateral
     * recess of the canal, not a foramen: the nerve channels leave the canal at its lateral edge, and the
     * foramina lie beyond it (the S1 pair some 20-30 mm from the mid-line, the canal about 30 mm wide there).
     */
    private static double[] lateralToCanal(int[] comp, int n, boolean[] canal, Box box, double[] midFit) {
        Grid3 g = box.g();
        double[] reach = new double[g.nz()];
        Arrays.fill(reach, -1);
        for (int v = 0; v < canal.length; v++) {
            if (canal[v]) {
                reach[g.k(v)] = Math.max(reach[g.k(v)], Math.abs(fromMidlineMm(midFit, box.x(v), box.z(v))));
            }
        }
        double[] beyond = new double[n];
        int[] count = new int[n];
        for (int v = 0; v < comp.length; v++) {
            int c = comp[v];
            if (c != 0) {
                count[c]++;
                double r = reach[g.k(v)];
                beyond[c] += r < 0 || Math.abs(fromMidlineMm(midFit, box.x(v), box.z(v))) > r ? 1 : 0;
            }
        }
        for (int c = 1; c < n; c++) {
            beyond[c] /= Math.max(1, count[c]);
        }
        return beyond;
    }

    /** Signed distance (mm, positive to the patient's left) of patient point (x, z) from the mid-line x = c0 + c1 z. */
    private static double fromMidlineMm(double[] midFit, double x, double z) {
        return x - (midFit[0] + midFit[1] * z);
    }

    /** Centroids of a component's voxels in each coronal slice (along the antero-posterior axis). */
    private static List<PatientPoint> centreLine(int[] comp, int c, Box box) {
        Grid3 g = box.g();
        double[][] acc = new double[g.ny()][4];
        for (int n = 0; n < comp.length; n++) {
            if (comp[n] == c) {
                PatientPoint p = box.point(n);
                double[] a = acc[g.j(n)];
                a[0]++;
                a[1] += p.x();
                a[2] += p.y();
                a[3] += p.z();
            }
        }
        List<PatientPoint> line = new ArrayList<>();
        for (double[] a : acc) {
            if (a[0] > 0) {
                line.add(new PatientPoint(a[1] / a[0], a[2] / a[0], a[3] / a[0]));
            }
        }
        line.sort(Comparator.comparingDouble(PatientPoint::y));
        return line;
    }

    /** Spacing (mm) of the axial slices whose mirror symmetry is measured for the mid-line. */
    static final double MIDLINE_SAMPLE_MM = 3;

    /**
     * The x (LPS mm) about which the bone (HU >= {@link SacrumSegmenter#BONE_HU}) of axial slice k, in the rows
     * the sacrum spans, is most nearly mirror-symmetric ({@link MirrorSymmetry}), within
     * {@link MirrorSymmetry#MIDLINE_SEARCH_MM} of {@code guess} (the centre of the sacrum's extent). The CT's
     * bone is symmetric even where a segmentation is not (an ala given to the ilium pulls the centre of the
     * sacrum's extent aside).
     */
    private static double mirrorCentreXMm(boolean[] bone, Box box, int k, int jLo, int jHi, double guess) {
        Grid3 g = box.g();
        double x0 = box.x(g.index(0, jLo, k));
        double step = box.x(g.index(1, jLo, k)) - x0;
        int rowStep = Math.max(1, (int) Math.round(MIDLINE_SAMPLE_MM / g.sy()));
        int[] rows = new int[(jHi - jLo) / rowStep + 1];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = g.index(0, jLo + t * rowStep, k);
        }
        return MirrorSymmetry.centreX(bone, rows, g.nx(), x0, step, guess, MirrorSymmetry.MIDLINE_SEARCH_MM);
    }

    /**
     * Mid-line x = c0 + c1 z, a least-squares line through one centre per axial slice (weighted by the
     * sacrum's width there): the plane of mirror symmetry of the slice's bone, every {@link #MIDLINE_SAMPLE_MM}
     * ({@link #mirrorCentreXMm}), or, where the voxel rows do not run left-right, the centre of the sacrum's
     * left-right extent.
     */
    private static double[] midline(boolean[] s, short[] hu, Box box, double guess) {
        Grid3 g = box.g();
        double[] minX = new double[g.nz()];
        double[] maxX = new double[g.nz()];
        int[] jLo = new int[g.nz()];
        int[] jHi = new int[g.nz()];
        Arrays.fill(minX, Double.POSITIVE_INFINITY);
        Arrays.fill(maxX, Double.NEGATIVE_INFINITY);
        Arrays.fill(jLo, Integer.MAX_VALUE);
        Arrays.fill(jHi, -1);
        double[] zs = new double[g.nz()];
        for (int n = 0; n < s.length; n++) {
            if (s[n]) {
                int k = g.k(n);
                double x = box.x(n);
                minX[k] = Math.min(minX[k], x);
                maxX[k] = Math.max(maxX[k], x);
                jLo[k] = Math.min(jLo[k], g.j(n));
                jHi[k] = Math.max(jHi[k], g.j(n));
                zs[k] = box.z(n);
            }
        }
        boolean rowsRunLeftRight = box.axisMostAlong(0) == 0 && MirrorSymmetry.rowsRunLeftRight(box.a().get(0, 0), g.sx());
        boolean[] bone = new boolean[hu.length];
        for (int n = 0; n < hu.length; n++) {
            bone[n] = hu[n] >= SacrumSegmenter.BONE_HU;
        }
        int sliceStep = Math.max(1, (int) Math.round(MIDLINE_SAMPLE_MM / g.sz()));
        double[] centre = new double[g.nz()];
        boolean[] use = new boolean[g.nz()];
        for (int k = 0; k < g.nz(); k++) {
            if (maxX[k] < minX[k]) {
                continue;
            }
            centre[k] = (minX[k] + maxX[k]) / 2;
            use[k] = true;
            if (rowsRunLeftRight) {
                use[k] = k % sliceStep == 0;
                if (use[k]) {
                    centre[k] = mirrorCentreXMm(bone, box, k, jLo[k], jHi[k], centre[k]);
                }
            }
        }
        double[] ts = new double[g.nz()];
        double[] cs = new double[g.nz()];
        double[] ws = new double[g.nz()];
        int count = 0;
        for (int k = 0; k < g.nz(); k++) {
            if (use[k]) {
                ts[count] = zs[k];
                cs[count] = centre[k];
                ws[count] = maxX[k] - minX[k];
                count++;
            }
        }
        double[] line = MirrorSymmetry.weightedLine(ts, cs, ws, count, MIDLINE_MAX_SLOPE);
        return line == null ? new double[] {guess, 0} : line;
    }

    /** Largest tilt of the mid-line in the coronal plane, mm of x per mm of z. */
    static final double MIDLINE_MAX_SLOPE = 0.3;

    /** Least darkening (HU) of a fracture band against the zone's columns beside it; sclerosis: brightening. */
    static final double FRACTURE_MIN_CONTRAST_HU = 15;
    static final double SCLEROSIS_MIN_CONTRAST_HU = 60;
    /** Standard errors of its column mean by which a band must differ from the columns beside it. */
    static final double FRACTURE_MIN_Z = 5;
    static final double FRACTURE_MAX_WIDTH_MM = 6;
    static final double FRACTURE_MIN_EXTENT_MM = 15;
    /** Columns beside a band: farther than this from it ... */
    static final double BESIDE_MIN_MM = 3;
    /** ... and no farther than this. */
    static final double BESIDE_MAX_MM = 15;

    /**
     * Fracture bands in Denis zone I, per side: the trabecular bone lateral to the foramina
     * ({@code medialMm}: distance from the mid-line of the S1 foramen's lateral edge) over the sacrum's whole
     * height, and the {@link #clefts} cut through it, seen as a coronal projection: the mean HU of each
     * cranio-caudal column (one voxel wide, all depths and heights). A run of columns at most 6 mm wide whose mean is darker than the median of the
     * columns 3-15 mm beside it on both sides, by at least 15 HU and five standard errors of its mean (the
     * zone's voxel spread over the root of its voxel count), is a low-density band; one at least 60 HU
     * brighter is sclerosis. Its cranio-caudal extent is the longest run of heights (means over 10 mm) in
     * which the band keeps at least half that contrast against each side; at least 15 mm counts.
     */
    private static List<FractureCandidate> fractureCandidates(boolean[] s, byte[] lab, byte[] flags, short[] hu,
                                                              Box box, double[] midFit, double[] medialMm) {
        Grid3 g = box.g();
        List<FractureCandidate> out = new ArrayList<>();
        int xa = box.axisMostAlong(0);
        // per voxel: 0 outside zone I, else 1 + the ordinal of its side
        boolean[] cleft = clefts(s, lab, g, xa, FRACTURE_MAX_WIDTH_MM);
        byte[] zone = new byte[s.length];
        for (int n = 0; n < s.length; n++) {
            if (cleft[n] || s[n] && (flags[n] & PartFlags.TRABECULAR) != 0) {
                double dx = fromMidlineMm(midFit, box.x(n), box.z(n));
                Side side = dx > 0 ? Side.LEFT : Side.RIGHT;
                if (Math.abs(dx) >= medialMm[side.ordinal()]) {
                    zone[n] = (byte) (1 + side.ordinal());
                }
            }
        }
        int za = box.axisMostAlong(2);
        int nb = g.extent(xa);
        int nh = g.extent(za);
        double binMm = g.spacingMm(xa);
        double hMm = g.spacingMm(za);
        for (Side side : Side.values()) {
            double[] cellSum = new double[nb * nh];
            int[] cellCnt = new int[nb * nh];
            double sum = 0;
            double sum2 = 0;
            int count = 0;
            for (int n = 0; n < s.length; n++) {
                if (zone[n] != 1 + side.ordinal()) {
                    continue;
                }
                int c = g.coordinate(n, xa) * nh + g.coordinate(n, za);
                cellSum[c] += hu[n];
                cellCnt[c]++;
                sum += hu[n];
                sum2 += (double) hu[n] * hu[n];
                count++;
            }
            if (count < 50) {
                continue;
            }
            double sd = Math.sqrt(Math.max(1, sum2 / count - (sum / count) * (sum / count)));
            double[] mean = new double[nb];
            int[] cnt = new int[nb];
            for (int b = 0; b < nb; b++) {
                double cs = 0;
                for (int h = 0; h < nh; h++) {
                    cs += cellSum[b * nh + h];
                    cnt[b] += cellCnt[b * nh + h];
                }
                mean[b] = cnt[b] >= 10 ? cs / cnt[b] : Double.NaN;
            }
            double[][] beside = new double[nb][];
            for (int b = 0; b < nb; b++) {
                beside[b] = besideMedians(mean, b, binMm);
            }
            for (int kind = 0; kind < 2; kind++) {
                int sign = kind == 0 ? 1 : -1;
                // a band differs from the columns on both sides of it, not just from one (a step)
                double[] base = new double[nb];
                for (int b = 0; b < nb; b++) {
                    base[b] = kind == 0 ? Math.min(beside[b][0], beside[b][1]) : Math.max(beside[b][0], beside[b][1]);
                }
                double minContrast = kind == 0 ? FRACTURE_MIN_CONTRAST_HU : SCLEROSIS_MIN_CONTRAST_HU;
                boolean[] band = new boolean[nb];
                for (int b = 0; b < nb; b++) {
                    double contrast = sign * (base[b] - mean[b]);
                    band[b] = !Double.isNaN(contrast) && contrast >= minContrast
                            && contrast >= FRACTURE_MIN_Z * sd / Math.sqrt(cnt[b]);
                }
                int b = 0;
                while (b < nb) {
                    if (!band[b]) {
                        b++;
                        continue;
                    }
                    int e = b;
                    while (e + 1 < nb && band[e + 1]) {
                        e++;
                    }
                    if ((e - b + 1) * binMm <= FRACTURE_MAX_WIDTH_MM && b > 0 && e < nb - 1
                            && !Double.isNaN(mean[b - 1]) && !Double.isNaN(mean[e + 1])) {
                        FractureCandidate f = bandExtent(side, kind, b, e, mean, base, cnt, cellSum, cellCnt, nh,
                                binMm, hMm, zone, box, xa, za);
                        if (f != null) {
                            out.add(f);
                        }
                    }
                    b = e + 1;
                }
            }
        }
        return out;
    }

    /**
     * Unlabelled voxels in runs of at most {@code maxMm} along voxel axis {@code axis} with sacral voxels at
     * both ends: clefts through the bone (a fracture line that segmentation carved out as if it were fat in
     * a channel), which count as the zone they cut.
     */
    static boolean[] clefts(boolean[] s, byte[] lab, Grid3 g, int axis, double maxMm) {
        boolean[] out = new boolean[s.length];
        int maxSteps = (int) Math.floor(maxMm / g.spacingMm(axis));
        int stride = g.stride(axis);
        int extent = g.extent(axis);
        for (int n = 0; n < s.length; n++) {
            int c = g.coordinate(n, axis);
            if (!s[n] || c + 1 >= extent || s[n + stride] || lab[n + stride] != 0) {
                continue;
            }
            int run = 1;
            while (c + run < extent && !s[n + run * stride] && lab[n + run * stride] == 0 && run <= maxSteps) {
                run++;
            }
            if (c + run < extent && s[n + run * stride] && run - 1 <= maxSteps) {
                for (int t = 1; t < run; t++) {
                    out[n + t * stride] = true;
                }
            }
        }
        return out;
    }

    /**
     * {median of the non-NaN column means 3-15 mm below column {@code b}, the same above}; NaN where a side
     * has none.
     */
    private static double[] besideMedians(double[] mean, int b, double binMm) {
        double[] out = new double[2];
        for (int side = 0; side < 2; side++) {
            List<Double> beside = new ArrayList<>();
            for (int q = 0; q < mean.length; q++) {
                double d = Math.abs(q - b) * binMm;
                if ((q > b) == (side == 1) && d > BESIDE_MIN_MM && d <= BESIDE_MAX_MM && !Double.isNaN(mean[q])) {
                    beside.add(mean[q]);
                }
            }
            beside.sort(Double::compare);
            int m = beside.size();
            out[side] = m == 0 ? Double.NaN
                    : m % 2 == 1 ? beside.get(m / 2) : (beside.get(m / 2 - 1) + beside.get(m / 2)) / 2;
        }
        return out;
    }

    /** The candidate for band columns b..e, or null when it keeps its contrast over less than 15 mm of height. */
    private static FractureCandidate bandExtent(Side side, int kind, int b, int e, double[] mean, double[] base,
                                                int[] cnt, double[] cellSum, int[] cellCnt, int nh, double binMm,
                                                double hMm, byte[] zone, Box box, int xa, int za) {
        int sign = kind == 0 ? 1 : -1;
        double bandSum = 0;
        int bandCnt = 0;
        double baseSum = 0;
        for (int q = b; q <= e; q++) {
            bandSum += mean[q] * cnt[q];
            bandCnt += cnt[q];
            baseSum += base[q];
        }
        double contrast = sign * (baseSum / (e - b + 1) - bandSum / bandCnt);
        // per height: band columns against the columns beside them, each summed over +-5 mm of height
        double[] inSum = new double[nh];
        int[] inCnt = new int[nh];
        double[][] outSum = new double[2][nh];
        int[][] outCnt = new int[2][nh];
        for (int q = 0; q < cnt.length; q++) {
            double dMm = q < b ? (b - q) * binMm : q > e ? (q - e) * binMm : 0;
            boolean inside = q >= b && q <= e;
            boolean beside = dMm > BESIDE_MIN_MM && dMm <= BESIDE_MAX_MM;
            if (!inside && !beside) {
                continue;
            }
            for (int h = 0; h < nh; h++) {
                if (inside) {
                    inSum[h] += cellSum[q * nh + h];
                    inCnt[h] += cellCnt[q * nh + h];
                } else {
                    outSum[q < b ? 0 : 1][h] += cellSum[q * nh + h];
                    outCnt[q < b ? 0 : 1][h] += cellCnt[q * nh + h];
                }
            }
        }
        int reach = (int) Math.max(1, Math.round(5 / hMm));
        int bestFrom = -1;
        int bestTo = -2;
        int from = -1;
        for (int h = 0; h <= nh; h++) {
            boolean dark = false;
            if (h < nh) {
                double is = 0;
                int ic = 0;
                double[] os = new double[2];
                int[] oc = new int[2];
                for (int w = Math.max(0, h - reach); w <= Math.min(nh - 1, h + reach); w++) {
                    is += inSum[w];
                    ic += inCnt[w];
                    for (int side2 = 0; side2 < 2; side2++) {
                        os[side2] += outSum[side2][w];
                        oc[side2] += outCnt[side2][w];
                    }
                }
                dark = inCnt[h] > 0 && ic >= 3 && oc[0] >= 3 && oc[1] >= 3
                        && sign * (os[0] / oc[0] - is / ic) >= 0.5 * contrast
                        && sign * (os[1] / oc[1] - is / ic) >= 0.5 * contrast;
            }
            if (dark && from < 0) {
                from = h;
            }
            if (!dark && from >= 0) {
                if (h - 1 - from > bestTo - bestFrom) {
                    bestFrom = from;
                    bestTo = h - 1;
                }
                from = -1;
            }
        }
        double extentMm = (bestTo - bestFrom + 1) * hMm;
        if (bestFrom < 0 || extentMm < FRACTURE_MIN_EXTENT_MM) {
            return null;
        }
        double x = 0;
        double y = 0;
        double zLo = Double.POSITIVE_INFINITY;
        double zHi = Double.NEGATIVE_INFINITY;
        int m = 0;
        Grid3 g = box.g();
        for (int n = 0; n < zone.length; n++) {
            int q = g.coordinate(n, xa);
            int h = g.coordinate(n, za);
            if (q < b || q > e || h < bestFrom || h > bestTo || zone[n] != 1 + side.ordinal()) {
                continue;
            }
            x += box.x(n);
            y += box.y(n);
            zLo = Math.min(zLo, box.z(n));
            zHi = Math.max(zHi, box.z(n));
            m++;
        }
        return new FractureCandidate(side, DenisZone.I,
                kind == 0 ? FractureCandidate.Kind.LOW_DENSITY_BAND : FractureCandidate.Kind.SCLEROSIS,
                new PatientPoint(x / m, y / m, (zLo + zHi) / 2), zHi - zLo, 0.5);
    }

    /**
     * Moves to the canal the voxels next to it, one voxel deep, that are sacral or enclosed by the sacrum in
     * their axial slice ({@code enclosed}) and darker than half-way between the canal's median HU and the
     * brightest sacral voxel next to them: voxels whose centre lies in the canal but which partial volume
     * with the wall lifted into the sacrum mask, or which the sacrum's half-maximum trim left unlabelled.
     */
    static void canalWall(boolean[] canal, boolean[] s, boolean[] enclosed, short[] hu, Grid3 g) {
        int count = 0;
        for (boolean c : canal) {
            count += c ? 1 : 0;
        }
        if (count == 0) {
            return;
        }
        short[] inside = new short[count];
        count = 0;
        for (int n = 0; n < canal.length; n++) {
            if (canal[n]) {
                inside[count++] = hu[n];
            }
        }
        Arrays.sort(inside);
        double level = inside[inside.length / 2];
        int[] nbs = new int[6];
        List<Integer> move = new ArrayList<>();
        for (int n = 0; n < s.length; n++) {
            if (canal[n] || !s[n] && !enclosed[n]) {
                continue;
            }
            g.neighbours6(n, nbs);
            boolean touches = false;
            int wallMax = hu[n];
            for (int q : nbs) {
                if (q >= 0 && canal[q]) {
                    touches = true;
                } else if (q >= 0 && s[q]) {
                    wallMax = Math.max(wallMax, hu[q]);
                }
            }
            if (touches && hu[n] < 0.5 * (level + wallMax)) {
                move.add(n);
            }
        }
        for (int n : move) {
            s[n] = false;
            canal[n] = true;
        }
    }

    /**
     * Voxels enclosed by the sacrum in their axial slice: its holes, and also the voxels that the sacrum and
     * L5's bright voxels ({@code >= 150} HU) enclose together where sacral bone lies on both sides of them in
     * their row. The spinal canal is open from L5 into the top of the sacral canal, so L5's flood can run
     * down it and take the lumen and rim of the sacral canal's top slices (the top 6 mm of a 2.9 mm
     * phantom). A lumen flanked by sacral bone lies within the sacrum's own slices, and L5 lies above them,
     * so the lumen comes back to the canal here; the bright rim stays L5's.
     */
    private static boolean[] enclosedBySacrum(boolean[] s, byte[] bones, short[] hu, Box box) {
        Grid3 g = box.g();
        boolean[] holes = Morphology.fillHoles2d(s, g, 2);
        byte l5 = (byte) Structure.L5.label();
        boolean[] ring = new boolean[s.length];
        boolean anyL5 = false;
        for (int n = 0; n < s.length; n++) {
            ring[n] = s[n] || bones[n] == l5 && hu[n] >= 150;
            anyL5 |= bones[n] == l5;
        }
        if (!anyL5) {
            return holes;
        }
        boolean[] ringHoles = Morphology.fillHoles2d(ring, g, 2);
        // per row along the left-right axis, the first and last sacral voxel
        int xAxis = box.axisMostAlong(0);
        int[] first = new int[g.size() / g.extent(xAxis)];
        int[] last = new int[first.length];
        Arrays.fill(first, Integer.MAX_VALUE);
        Arrays.fill(last, -1);
        for (int n = 0; n < s.length; n++) {
            if (s[n]) {
                int row = g.lineAlong(n, xAxis);
                int at = g.coordinate(n, xAxis);
                first[row] = Math.min(first[row], at);
                last[row] = Math.max(last[row], at);
            }
        }
        for (int n = 0; n < s.length; n++) {
            if (ringHoles[n] && !ring[n] && !holes[n]) {
                int row = g.lineAlong(n, xAxis);
                int at = g.coordinate(n, xAxis);
                holes[n] = first[row] < at && at < last[row];
            }
        }
        return holes;
    }

    /** Shortest head-to-foot run (mm) of a canal to be taken as sure, and the share of the sacrum's height. */
    static final double CANAL_MIN_LENGTH_MM = 30;
    static final double CANAL_MIN_LENGTH_SHARE = 0.4;

    /**
     * The canal's detection: not found without one; doubtful (confidence {@link #DOUBTFUL_CONFIDENCE}, with
     * the reason and a warning) when it runs less than {@link #CANAL_MIN_LENGTH_MM} (or
     * {@link #CANAL_MIN_LENGTH_SHARE} of a shorter sacrum) head to foot: the sacral canal runs from S1 to
     * the hiatus at S4-S5, so a short dark hole is only part of it, or not the canal (a marrow pocket where
     * the mask's arch is open), and the planner's margins to it would rest on the wrong place.
     */
    static Detection canalDetection(boolean[] canal, Box box, double sacrumHeightMm, List<String> warnings) {
        double[] zRange = box.zRange(canal);
        double lo = zRange[0];
        double hi = zRange[1];
        if (hi < lo) {
            return Detection.notFound("no canal-shaped dark hole in the sacrum near the mid-line");
        }
        double lengthMm = hi - lo + box.g().sz();
        double needMm = Math.min(CANAL_MIN_LENGTH_MM, CANAL_MIN_LENGTH_SHARE * sacrumHeightMm);
        if (lengthMm >= needMm) {
            return Detection.found(0.8);
        }
        String reason = String.format(Locale.ROOT, "the sacral canal was found over only %.0f mm head to foot "
                + "(z = %.0f to %.0f mm): it is at most part of the canal; check the canal on the overlays before "
                + "planning", lengthMm, lo, hi);
        warnings.add(reason);
        return new Detection(DOUBTFUL_CONFIDENCE, java.util.Optional.of(reason));
    }

    /** Largest left-right difference (mm) of a foramen pair's distances from the mid-line, and of their heights. */
    static final double FORAMEN_PAIR_TOLERANCE_MM = 10;
    /** Confidence of a foramen whose partner on the other side does not mirror it. */
    static final double DOUBTFUL_CONFIDENCE = 0.2;

    /**
     * The sacral foramina come in mirror-image pairs: at each level the left and right foramen lie about as
     * far from the mid-line and at about the same height (within {@link #FORAMEN_PAIR_TOLERANCE_MM}, or two
     * voxels). A pair that is not one means at least one of them is something else (a marrow pocket, a
     * notch of the mask); both are kept but marked doubtful (confidence {@link #DOUBTFUL_CONFIDENCE}, with
     * the reason) and a warning says so, so that no plan takes them at face value.
     */
    static List<Foramen> doubtUnpairedForamina(List<Foramen> foramina, double[] midFit, Map<Structure, Detection> det,
                                               List<String> warnings, double spacingMm) {
        double tol = Math.max(FORAMEN_PAIR_TOLERANCE_MM, 2 * spacingMm);
        List<Foramen> out = new ArrayList<>(foramina);
        for (SacralLevel level : SacralLevel.values()) {
            Foramen left = null;
            Foramen right = null;
            for (Foramen f : foramina) {
                if (f.level() == level) {
                    if (f.side() == Side.LEFT) {
                        left = f;
                    } else {
                        right = f;
                    }
                }
            }
            if (left == null || right == null) {
                continue;
            }
            double dl = Math.abs(fromMidlineMm(midFit, left.centre().x(), left.centre().z()));
            double dr = Math.abs(fromMidlineMm(midFit, right.centre().x(), right.centre().z()));
            double dz = Math.abs(left.centre().z() - right.centre().z());
            if (Math.abs(dl - dr) <= tol && dz <= tol) {
                continue;
            }
            String reason = String.format(Locale.ROOT, "the %s foramina are not mirror images of each other (left %.0f mm, "
                    + "right %.0f mm from the mid-line, %.0f mm apart head to foot): at least one is not a foramen; "
                    + "check both on the overlays before planning", level, dl, dr, dz);
            warnings.add(reason);
            Detection doubt = new Detection(DOUBTFUL_CONFIDENCE, java.util.Optional.of(reason));
            for (Foramen f : new Foramen[] {left, right}) {
                out.set(out.indexOf(f), new Foramen(f.level(), f.side(), f.centre(), f.centreLine(), doubt));
                det.put(f.structure(), doubt);
            }
        }
        return out;
    }

    /** How far (mm) either side of the sacrum's lateral surface the joint gap is looked for. */
    static final double JOINT_GAP_SEARCH_MM = 5;
    /** How much darker (HU) than the cortices on both sides a joint gap must be to be followed. */
    static final double JOINT_GAP_CONTRAST_HU = 150;

    /** Joint points farther from the fitted plane than this many times the median distance are dropped. */
    static final double JOINT_OUTLIER_MEDIANS = 2.5;

    /**
     * The points within max({@link #JOINT_OUTLIER_MEDIANS} x the median distance, one voxel) of the plane:
     * sacral surface near the ilium but off the joint (a corner, a ligament's attachment) pulls the plane
     * and is not joint surface. On phantoms 21-40 (used for no choice) this took the SI joints within one
     * voxel from 17 to 19 of 20.
     */
    static List<PatientPoint> nearPlane(Plane plane, List<PatientPoint> pts, double voxelMm) {
        double[] dist = new double[pts.size()];
        for (int q = 0; q < dist.length; q++) {
            dist[q] = Math.abs(plane.signedDistanceMm(pts.get(q)));
        }
        double[] sorted = dist.clone();
        Arrays.sort(sorted);
        double limit = Math.max(JOINT_OUTLIER_MEDIANS * sorted[sorted.length / 2], voxelMm);
        List<PatientPoint> kept = new ArrayList<>();
        for (int q = 0; q < dist.length; q++) {
            if (dist[q] <= limit) {
                kept.add(pts.get(q));
            }
        }
        return kept;
    }

    /**
     * Where the sacral side of a visible SI joint gap lies, in mm lateral of the centre of sacral surface
     * voxel {@code n}, or NaN when no gap shows within {@link #JOINT_GAP_SEARCH_MM}. The HU profile along
     * the lateral voxel axis (each sample averaged over a 3 x 3 patch across that axis, against noise) must
     * dip at least {@link #JOINT_GAP_CONTRAST_HU} below a bright peak on either side (sacral and iliac
     * cortex). The sacral surface is where a step from the sacral peak down to the valley floor holds as
     * much HU x mm as the profile between them: exact for the partial-volume average of a sharp edge when a
     * voxel lies wholly in the cortex, and unchanged by blurring. On scans fine enough to show the gap this
     * follows the joint itself, wherever the bone separation put the boundary (the "fitted joint
     * surface" on sub-mm scans); on coarse scans the gap is averaged away and the labelled surface is kept.
     */
    static double jointGapEdgeMm(short[] hu, int n, Box box, int axis, int lateralStep) {
        double sp = box.g().spacingMm(axis);
        int reach = (int) Math.ceil(JOINT_GAP_SEARCH_MM / sp);
        if (reach < 3) {
            return Double.NaN;
        }
        double[] prof = new double[2 * reach + 1];
        int q = n;
        for (int t = 0; t < reach && q >= 0; t++) {
            q = box.neighbour(q, axis, -lateralStep);
        }
        if (q < 0) {
            return Double.NaN;
        }
        for (int t = 0; t < prof.length; t++) {
            if (q < 0) {
                return Double.NaN;
            }
            prof[t] = crossMean(hu, q, axis, box);
            q = box.neighbour(q, axis, lateralStep);
        }
        // the valley: the sample with the deepest dip below a bright peak on either side
        int best = -1;
        double bestDepth = 0;
        for (int m = 1; m < prof.length - 1; m++) {
            double medialPeak = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < m; t++) {
                medialPeak = Math.max(medialPeak, prof[t]);
            }
            double lateralPeak = Double.NEGATIVE_INFINITY;
            for (int t = m + 1; t < prof.length; t++) {
                lateralPeak = Math.max(lateralPeak, prof[t]);
            }
            double depth = Math.min(medialPeak, lateralPeak) - prof[m];
            if (depth >= JOINT_GAP_CONTRAST_HU && depth > bestDepth) {
                bestDepth = depth;
                best = m;
            }
        }
        if (best < 0) {
            return Double.NaN;
        }
        int peak = best - 1;
        for (int t = best - 1; t >= 0 && t >= best - reach; t--) {
            if (prof[t] > prof[peak]) {
                peak = t;
            }
        }
        // a step from the peak level to the floor, placed so that it holds the same HU x mm as the profile
        double bone = 0;
        for (int t = peak; t <= best; t++) {
            bone += (prof[t] - prof[best]) / (prof[peak] - prof[best]);
        }
        return (peak - 0.5 + bone - reach) * sp;
    }

    /** Mean HU of voxel q and its neighbours across {@code axis} (a 3 x 3 patch that keeps detail along it). */
    private static double crossMean(short[] hu, int q, int axis, Box box) {
        int a1 = (axis + 1) % 3;
        int a2 = (axis + 2) % 3;
        double sum = 0;
        int cnt = 0;
        for (int s1 = -1; s1 <= 1; s1++) {
            int r = s1 == 0 ? q : box.neighbour(q, a1, s1);
            for (int s2 = -1; s2 <= 1 && r >= 0; s2++) {
                int t = s2 == 0 ? r : box.neighbour(r, a2, s2);
                if (t >= 0) {
                    sum += hu[t];
                    cnt++;
                }
            }
        }
        return sum / cnt;
    }

    /** The analysis box: a {@link Grid3} inside the CT grid at an offset, with patient positions. */
    record Box(Grid3 g, int i0, int j0, int k0, Affine a, VoxelGrid full) {

        int full(int n) {
            return full.index(g.i(n) + i0, g.j(n) + j0, g.k(n) + k0);
        }

        PatientPoint point(int n) {
            return a.apply(g.i(n) + i0, g.j(n) + j0, g.k(n) + k0);
        }

        double x(int n) {
            return a.get(0, 0) * (g.i(n) + i0) + a.get(0, 1) * (g.j(n) + j0) + a.get(0, 2) * (g.k(n) + k0) + a.get(0, 3);
        }

        double y(int n) {
            return a.get(1, 0) * (g.i(n) + i0) + a.get(1, 1) * (g.j(n) + j0) + a.get(1, 2) * (g.k(n) + k0) + a.get(1, 3);
        }

        double z(int n) {
            return a.get(2, 0) * (g.i(n) + i0) + a.get(2, 1) * (g.j(n) + j0) + a.get(2, 2) * (g.k(n) + k0) + a.get(2, 3);
        }

        /** {lowest, highest} patient z (mm) of the mask's voxels; {+inf, -inf} for an empty mask. */
        double[] zRange(boolean[] m) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int n = 0; n < m.length; n++) {
                if (m[n]) {
                    double z = z(n);
                    lo = Math.min(lo, z);
                    hi = Math.max(hi, z);
                }
            }
            return new double[] {lo, hi};
        }

        /** The voxel axis (0, 1, 2) whose direction is most nearly along patient axis {@code patientAxis}. */
        int axisMostAlong(int patientAxis) {
            int best = 0;
            for (int v = 1; v < 3; v++) {
                if (Math.abs(a.get(patientAxis, v)) / a.spacingMm(v) > Math.abs(a.get(patientAxis, best)) / a.spacingMm(best)) {
                    best = v;
                }
            }
            return best;
        }

        /** +1 or -1: the index step along voxel axis {@code axis} that moves towards sign * patient axis. */
        int stepTowards(int axis, int patientAxis, int sign) {
            return a.get(patientAxis, axis) * sign > 0 ? 1 : -1;
        }

        /** The neighbour one step along a voxel axis, or -1 outside the box. */
        int neighbour(int n, int axis, int step) {
            int i = g.i(n) + (axis == 0 ? step : 0);
            int j = g.j(n) + (axis == 1 ? step : 0);
            int k = g.k(n) + (axis == 2 ? step : 0);
            return g.contains(i, j, k) ? g.index(i, j, k) : -1;
        }

        boolean onSurface(int n, boolean[] m) {
            for (int axis = 0; axis < 3; axis++) {
                for (int step = -1; step <= 1; step += 2) {
                    int q = neighbour(n, axis, step);
                    if (q < 0 || !m[q]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
