package org.sacroguide.planning.trajectory;

import java.util.EnumMap;
import java.util.Map;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SacrumModel.PartFlags;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Distance maps (mm, exact Euclidean, {@link DistanceTransform}) to each {@link RiskGroup}, computed once
 * per {@link SacrumModel} on a box around the sacrum (the sacrum's bounding box plus {@link #MARGIN_MM}),
 * for the trajectory search. Outside the box the maps answer "far"; the planner therefore re-checks every
 * returned needle exactly against the full label map ({@link ClearanceReport}).
 */
public final class RiskField {

    /** Margin around the sacrum's bounding box, mm. */
    public static final double MARGIN_MM = 15;

    final VoxelGrid grid;
    final byte[] labels;
    final byte[] flags;
    final int i0;
    final int j0;
    final int k0;
    final int ni;
    final int nj;
    final int nk;
    final double[] spacingMm;
    private final Map<RiskGroup, float[]> maps = new EnumMap<>(RiskGroup.class);

    private RiskField(SacrumModel model, int[] box) {
        this.grid = model.labels().grid();
        this.labels = model.labels().labelArray();
        this.flags = model.partFlags();
        this.i0 = box[0];
        this.j0 = box[1];
        this.k0 = box[2];
        this.ni = box[3] - box[0];
        this.nj = box[4] - box[1];
        this.nk = box[5] - box[2];
        this.spacingMm = grid.spacingMm();
    }

    /** Builds the distance maps; returns null-free maps even when a group is absent (then all "far"). */
    public static RiskField of(SacrumModel model) {
        VoxelGrid g = model.labels().grid();
        byte[] lab = model.labels().labelArray();
        int nx = g.columns();
        int ny = g.rows();
        int nz = g.slices();
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = g.index(0, j, k);
                for (int i = 0; i < nx; i++) {
                    if (lab[base + i] == Structure.SACRUM.label()) {
                        lo[0] = Math.min(lo[0], i);
                        hi[0] = Math.max(hi[0], i);
                        lo[1] = Math.min(lo[1], j);
                        hi[1] = Math.max(hi[1], j);
                        lo[2] = Math.min(lo[2], k);
                        hi[2] = Math.max(hi[2], k);
                    }
                }
            }
        }
        int[] n = {nx, ny, nz};
        double[] sp = g.spacingMm();
        int[] box = new int[6];
        if (hi[0] < 0) {
            box = new int[] {0, 0, 0, nx, ny, nz};
        } else {
            for (int a = 0; a < 3; a++) {
                int m = (int) Math.ceil(MARGIN_MM / sp[a]);
                box[a] = Math.max(0, lo[a] - m);
                box[a + 3] = Math.min(n[a], hi[a] + m + 1);
            }
        }
        RiskField f = new RiskField(model, box);
        f.build();
        return f;
    }

    private void build() {
        int n = ni * nj * nk;
        Map<RiskGroup, boolean[]> masks = new EnumMap<>(RiskGroup.class);
        for (RiskGroup r : RiskGroup.values()) {
            masks.put(r, new boolean[n]);
        }
        boolean[] neural = masks.get(RiskGroup.NEURAL);
        boolean[] joint = masks.get(RiskGroup.SI_JOINT);
        boolean[] disc = masks.get(RiskGroup.DISC);
        boolean[] ac = masks.get(RiskGroup.ANTERIOR_CORTEX);
        boolean[] soft = masks.get(RiskGroup.SOFT_TISSUE);
        for (int k = 0; k < nk; k++) {
            for (int j = 0; j < nj; j++) {
                int src = grid.index(i0, j0 + j, k0 + k);
                int dst = ni * (j + nj * k);
                for (int i = 0; i < ni; i++) {
                    int l = labels[src + i] & 0xff;
                    int d = dst + i;
                    neural[d] = l == Structure.SACRAL_CANAL.label()
                            || (l >= Structure.FORAMEN_S1_LEFT.label() && l <= Structure.FORAMEN_S4_RIGHT.label());
                    joint[d] = l == Structure.ILIUM_LEFT.label() || l == Structure.ILIUM_RIGHT.label();
                    disc[d] = l == Structure.L5_S1_DISC.label();
                    ac[d] = (flags[src + i] & PartFlags.ANTERIOR_CORTEX) != 0;
                    soft[d] = l == Structure.VESSEL.label() || l == Structure.BOWEL.label();
                }
            }
        }
        for (RiskGroup r : RiskGroup.values()) {
            maps.put(r, DistanceTransform.distanceMm(masks.get(r), ni, nj, nk, spacingMm[0], spacingMm[1], spacingMm[2]));
        }
    }

    /**
     * Distance (mm) from the centre of full-grid voxel (i, j, k) to the nearest voxel centre of the group;
     * {@link Float#POSITIVE_INFINITY} outside the box or when the group is absent.
     */
    public float distanceMm(RiskGroup group, int i, int j, int k) {
        int a = i - i0;
        int b = j - j0;
        int c = k - k0;
        if (a < 0 || b < 0 || c < 0 || a >= ni || b >= nj || c >= nk) {
            return Float.POSITIVE_INFINITY;
        }
        return maps.get(group)[a + ni * (b + nj * c)];
    }

    float[] map(RiskGroup g) {
        return maps.get(g);
    }

    /** Number of voxels in the box the maps cover. */
    public int boxVoxels() {
        return ni * nj * nk;
    }
}
