package org.sacroguide.fluoro.cement;

import java.util.List;
import java.util.stream.IntStream;
import org.sacroguide.anatomy.FractureCandidate;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.fluoro.Needle;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * The 1 mm grid on which cement spreads: a box of {@link #MARGIN_MM} around every needle tip, aligned with
 * the CT's axes, holding per voxel the HU (trilinear from the CT), the sacrum model's label and part flags
 * (nearest CT voxel), and the relative permeability. About 1 microlitre per voxel, so millilitres of cement
 * are thousands of voxels even on a 3 mm CT.
 */
final class SimulationGrid {

    static final double SPACING_MM = 1.0;
    static final double MARGIN_MM = 45;

    final VoxelGrid grid;
    final short[] hu;
    final byte[] labels;
    final byte[] flags;
    final float[] permeability;
    final boolean[] inGap;

    private SimulationGrid(VoxelGrid grid, short[] hu, byte[] labels, byte[] flags, float[] permeability,
                           boolean[] inGap) {
        this.inGap = inGap;
        this.grid = grid;
        this.hu = hu;
        this.labels = labels;
        this.flags = flags;
        this.permeability = permeability;
    }

    static SimulationGrid build(CtVolume ct, SacrumModel model, List<Needle> needles, List<FractureGap> extraGaps) {
        Affine v2p = ct.voxelToPatient();
        PatientPoint o = v2p.translation();
        PatientPoint[] axes = {v2p.axis(0).unit(), v2p.axis(1).unit(), v2p.axis(2).unit()};
        double[] sp = ct.spacingMm();
        int[] n = {ct.columns(), ct.rows(), ct.slices()};
        double[] lo = new double[3];
        double[] hi = new double[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = Double.POSITIVE_INFINITY;
            hi[a] = Double.NEGATIVE_INFINITY;
            for (Needle nd : needles) {
                double u = nd.tipLps().minus(o).dot(axes[a]);
                lo[a] = Math.min(lo[a], u - MARGIN_MM);
                hi[a] = Math.max(hi[a], u + MARGIN_MM);
            }
            lo[a] = Math.max(lo[a], 0);
            hi[a] = Math.min(hi[a], (n[a] - 1) * sp[a]);
        }
        int[] m = new int[3];
        for (int a = 0; a < 3; a++) {
            m[a] = Math.max(1, (int) Math.floor((hi[a] - lo[a]) / SPACING_MM) + 1);
        }
        PatientPoint origin = o.plus(axes[0].times(lo[0])).plus(axes[1].times(lo[1])).plus(axes[2].times(lo[2]));
        VoxelGrid g = new VoxelGrid(m[0], m[1], m[2], Affine.of(origin, axes, new double[] {SPACING_MM, SPACING_MM,
            SPACING_MM}));
        short[] hu = new short[g.voxelCount()];
        byte[] labels = new byte[g.voxelCount()];
        byte[] flags = new byte[g.voxelCount()];
        float[] perm = new float[g.voxelCount()];
        boolean[] gapMask = new boolean[g.voxelCount()];
        List<FractureGap> gaps = new java.util.ArrayList<>(extraGaps);
        for (FractureCandidate f : model.fractures()) {
            if (f.kind() == FractureCandidate.Kind.LOW_DENSITY_BAND) {
                PatientPoint half = new PatientPoint(0, 0, f.craniocaudalExtentMm() / 2);
                gaps.add(new FractureGap(f.centre().minus(half), f.centre().plus(half), 2.0));
            }
        }
        VoxelGrid lg = model.labels().grid();
        Affine p2l = lg.patientToVoxel();
        byte[] modelLabels = model.labels().labelArray();
        byte[] modelFlags = model.partFlags();
        IntStream.range(0, m[2]).parallel().forEach(k -> {
            for (int j = 0; j < m[1]; j++) {
                for (int i = 0; i < m[0]; i++) {
                    int idx = g.index(i, j, k);
                    double ui = (lo[0] + i * SPACING_MM) / sp[0];
                    double uj = (lo[1] + j * SPACING_MM) / sp[1];
                    double uk = (lo[2] + k * SPACING_MM) / sp[2];
                    hu[idx] = (short) Math.round(ct.sampleHuAtVoxel(ui, uj, uk));
                    PatientPoint p = g.voxelCentre(i, j, k);
                    PatientPoint lv = p2l.apply(p);
                    int li = (int) Math.round(lv.x());
                    int lj = (int) Math.round(lv.y());
                    int lk = (int) Math.round(lv.z());
                    int label = 0;
                    int fl = 0;
                    if (lg.contains(li, lj, lk)) {
                        int li0 = lg.index(li, lj, lk);
                        label = modelLabels[li0] & 0xff;
                        fl = modelFlags[li0] & 0xff;
                    }
                    labels[idx] = (byte) label;
                    flags[idx] = (byte) fl;
                    boolean inGap = false;
                    for (FractureGap gap : gaps) {
                        if (gap.distanceMm(p) <= gap.radiusMm()) {
                            inGap = true;
                            break;
                        }
                    }
                    gapMask[idx] = inGap;
                    perm[idx] = (float) Permeability.of(hu[idx], label, fl, inGap);
                }
            }
        });
        return new SimulationGrid(g, hu, labels, flags, perm, gapMask);
    }

    int indexNearest(PatientPoint p) {
        PatientPoint v = grid.patientToVoxel().apply(p);
        int i = (int) Math.round(Math.max(0, Math.min(grid.columns() - 1, v.x())));
        int j = (int) Math.round(Math.max(0, Math.min(grid.rows() - 1, v.y())));
        int k = (int) Math.round(Math.max(0, Math.min(grid.slices() - 1, v.z())));
        return grid.index(i, j, k);
    }
}
