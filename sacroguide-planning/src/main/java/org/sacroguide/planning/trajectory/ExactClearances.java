package org.sacroguide.planning.trajectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SacrumModel.PartFlags;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.SiJoint;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Exact clearances of a straight needle from every structure at risk, measured against the full label
 * map rather than the search's distance maps: for each structure, the smallest distance from the needle
 * axis (a segment, skin to tip) to the centres of the structure's boundary voxels, minus half the largest
 * voxel spacing (where the voxelised boundary lies) and minus the needle's outer radius. Segments that run
 * through a structure's voxels get a negative clearance. Structure point sets are built once per model.
 */
public final class ExactClearances {

    /** A named point set (LPS mm, x y z interleaved) and the kind of margin it needs. */
    record PointSet(String name, RiskGroup group, float[] xyz, int count) {
    }

    private final SacrumModel model;
    private final VoxelGrid grid;
    private final Affine toVoxel;
    private final double halfVoxelMm;
    private final List<PointSet> sets = new ArrayList<>();

    public ExactClearances(SacrumModel model) {
        this.model = model;
        this.grid = model.labels().grid();
        this.toVoxel = grid.patientToVoxel();
        double[] sp = grid.spacingMm();
        this.halfVoxelMm = 0.5 * Math.max(sp[0], Math.max(sp[1], sp[2]));
        build();
    }

    /** Half the largest voxel spacing: how far a voxelised boundary may lie from a boundary voxel's centre. */
    public double halfVoxelMm() {
        return halfVoxelMm;
    }

    private void build() {
        byte[] lab = model.labels().labelArray();
        byte[] fl = model.partFlags();
        int nx = grid.columns();
        int ny = grid.rows();
        int nz = grid.slices();
        Structure[] risk = {Structure.SACRAL_CANAL, Structure.FORAMEN_S1_LEFT, Structure.FORAMEN_S1_RIGHT,
            Structure.FORAMEN_S2_LEFT, Structure.FORAMEN_S2_RIGHT, Structure.FORAMEN_S3_LEFT, Structure.FORAMEN_S3_RIGHT,
            Structure.FORAMEN_S4_LEFT, Structure.FORAMEN_S4_RIGHT, Structure.ILIUM_LEFT, Structure.ILIUM_RIGHT,
            Structure.L5_S1_DISC, Structure.VESSEL, Structure.BOWEL};
        int[] slot = new int[256];
        java.util.Arrays.fill(slot, -1);
        for (int s = 0; s < risk.length; s++) {
            slot[risk[s].label()] = s;
        }
        int acSlot = risk.length;
        FloatList[] pts = new FloatList[risk.length + 1];
        for (int s = 0; s < pts.length; s++) {
            pts[s] = new FloatList();
        }
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int n = grid.index(i, j, k);
                    int l = lab[n] & 0xff;
                    int s = slot[l];
                    boolean ac = (fl[n] & PartFlags.ANTERIOR_CORTEX) != 0;
                    if (s < 0 && !ac) {
                        continue;
                    }
                    if (s >= 0 && boundary(lab, n, i, j, k, nx, ny, nz, l)) {
                        pts[s].add(grid.voxelCentre(i, j, k));
                    }
                    if (ac) {
                        pts[acSlot].add(grid.voxelCentre(i, j, k));
                    }
                }
            }
        }
        for (int s = 0; s < risk.length; s++) {
            if (pts[s].size() > 0) {
                Structure st = risk[s];
                RiskGroup g = st == Structure.ILIUM_LEFT || st == Structure.ILIUM_RIGHT ? RiskGroup.SI_JOINT
                        : st == Structure.L5_S1_DISC ? RiskGroup.DISC
                        : st == Structure.VESSEL || st == Structure.BOWEL ? RiskGroup.SOFT_TISSUE : RiskGroup.NEURAL;
                sets.add(new PointSet(st.jsonName(), g, pts[s].toArray(), pts[s].size()));
            }
        }
        if (pts[acSlot].size() > 0) {
            sets.add(new PointSet("anterior_cortex", RiskGroup.ANTERIOR_CORTEX, pts[acSlot].toArray(), pts[acSlot].size()));
        }
        for (Side side : Side.values()) {
            SiJoint j = model.siJoints().get(side);
            if (j != null && !j.surfacePoints().isEmpty()) {
                FloatList f = new FloatList();
                j.surfacePoints().forEach(f::add);
                sets.add(new PointSet("si_joint_" + side.lowerName(), RiskGroup.SI_JOINT, f.toArray(), f.size()));
            }
        }
    }

    private static boolean boundary(byte[] lab, int n, int i, int j, int k, int nx, int ny, int nz, int l) {
        if (i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1) {
            return true;
        }
        int sj = nx;
        int sk = nx * ny;
        return (lab[n - 1] & 0xff) != l || (lab[n + 1] & 0xff) != l || (lab[n - sj] & 0xff) != l
                || (lab[n + sj] & 0xff) != l || (lab[n - sk] & 0xff) != l || (lab[n + sk] & 0xff) != l;
    }

    /** Which group each reported structure belongs to. */
    public Map<String, RiskGroup> groups() {
        Map<String, RiskGroup> m = new LinkedHashMap<>();
        for (PointSet s : sets) {
            m.put(s.name(), s.group());
        }
        return m;
    }

    /**
     * Clearance (mm, from the needle's outer surface) of the segment {@code from}-{@code to} to every
     * structure present, by name; negative where the segment runs through the structure.
     */
    public Map<String, Double> clearancesMm(PatientPoint from, PatientPoint to, double outerRadiusMm) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Boolean> crossed = crossings(from, to);
        for (PointSet s : sets) {
            double d = segmentDistanceMm(s, from, to) - halfVoxelMm - outerRadiusMm;
            if (crossed.getOrDefault(s.name(), false)) {
                d = Math.min(d, -outerRadiusMm);
            }
            out.put(s.name(), d);
        }
        return out;
    }

    /** Distance (mm) from a point to the structure's voxel centres minus half a voxel; +infinity if absent. */
    public double pointDistanceMm(String name, PatientPoint p) {
        for (PointSet s : sets) {
            if (s.name().equals(name)) {
                return segmentDistanceMm(s, p, p) - halfVoxelMm;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Smallest axis distance (mm) from the segment to any structure of the groups, minus half a voxel. */
    public double axisDistanceMm(PatientPoint from, PatientPoint to, RiskGroup... groups) {
        double best = Double.POSITIVE_INFINITY;
        for (PointSet s : sets) {
            for (RiskGroup g : groups) {
                if (s.group() == g) {
                    best = Math.min(best, segmentDistanceMm(s, from, to));
                }
            }
        }
        return best - halfVoxelMm;
    }

    private Map<String, Boolean> crossings(PatientPoint from, PatientPoint to) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        double len = from.distanceMm(to);
        int steps = Math.max(1, (int) Math.ceil(len / 0.25));
        byte[] lab = model.labels().labelArray();
        for (int s = 0; s <= steps; s++) {
            PatientPoint p = from.lerp(to, s / (double) steps);
            int n = nearestIndex(p);
            if (n >= 0) {
                Structure.ofLabel(lab[n] & 0xff).ifPresent(st -> out.put(st.jsonName(), true));
            }
        }
        return out;
    }

    /** Full-grid index of the voxel nearest to p, or -1 outside the grid. */
    public int nearestIndex(PatientPoint p) {
        PatientPoint v = toVoxel.apply(p);
        int i = (int) Math.round(v.x());
        int j = (int) Math.round(v.y());
        int k = (int) Math.round(v.z());
        return grid.contains(i, j, k) ? grid.index(i, j, k) : -1;
    }

    private static double segmentDistanceMm(PointSet s, PatientPoint a, PatientPoint b) {
        double ax = a.x();
        double ay = a.y();
        double az = a.z();
        double vx = b.x() - ax;
        double vy = b.y() - ay;
        double vz = b.z() - az;
        double vv = vx * vx + vy * vy + vz * vz;
        float[] p = s.xyz();
        double best = Double.POSITIVE_INFINITY;
        for (int n = 0; n < s.count(); n++) {
            double px = p[3 * n] - ax;
            double py = p[3 * n + 1] - ay;
            double pz = p[3 * n + 2] - az;
            double t = vv > 0 ? (px * vx + py * vy + pz * vz) / vv : 0;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            double dx = px - t * vx;
            double dy = py - t * vy;
            double dz = pz - t * vz;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < best) {
                best = d2;
            }
        }
        return Math.sqrt(best);
    }

    /** A growable float list for x y z triples. */
    private static final class FloatList {
        private float[] a = new float[3 * 1024];
        private int n;

        void add(PatientPoint p) {
            if (3 * n + 3 > a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[3 * n] = (float) p.x();
            a[3 * n + 1] = (float) p.y();
            a[3 * n + 2] = (float) p.z();
            n++;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, 3 * n);
        }
    }
}
