package org.sacroguide.fluoro.drr;

import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/** Small analytic test volumes on grids with unequal spacing and a flipped axis, like real CTs. */
final class Phantoms {

    private Phantoms() {
    }

    /** A grid whose first two axes run towards the patient's right and front (as the bundled CT). */
    static VoxelGrid grid(int nx, int ny, int nz, double sx, double sy, double sz) {
        PatientPoint[] axes = {new PatientPoint(-1, 0, 0), new PatientPoint(0, -1, 0), new PatientPoint(0, 0, 1)};
        PatientPoint origin = new PatientPoint(nx * sx / 2, ny * sy / 2 - 40, -nz * sz / 2 + 100);
        return new VoxelGrid(nx, ny, nz, Affine.of(origin, axes, new double[] {sx, sy, sz}));
    }

    /** HU 0 (water) in voxels [lo, hi] (inclusive) per axis, air (-1000) elsewhere. */
    static CtVolume box(VoxelGrid g, int[] lo, int[] hi) {
        short[] hu = new short[g.voxelCount()];
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    boolean in = i >= lo[0] && i <= hi[0] && j >= lo[1] && j <= hi[1] && k >= lo[2] && k <= hi[2];
                    hu[g.index(i, j, k)] = (short) (in ? 0 : -1000);
                }
            }
        }
        return new CtVolume(g, hu);
    }

    /**
     * A sphere (centre and radius in LPS mm) as attenuation codes holding the fraction of each voxel inside it
     * times {@code fullCode}. Voxels the surface may cross are integrated on 16 x 16 lines along the slice
     * axis, each line's length inside the sphere exact, so a fraction is accurate to about 1e-3 of a voxel
     * (the in-plane midpoint rule across the curved edge); the rest are 0 or 1.
     */
    static MuVolume sphere(VoxelGrid g, PatientPoint centre, double radiusMm, int fullCode, double muPerCode) {
        short[] codes = new short[g.voxelCount()];
        int ss = 16;
        double[] sp = g.spacingMm();
        double diag = 0.5 * Math.sqrt(sp[0] * sp[0] + sp[1] * sp[1] + sp[2] * sp[2]);
        java.util.stream.IntStream.range(0, g.slices()).parallel().forEach(k -> {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    double dist = g.voxelCentre(i, j, k).distanceMm(centre);
                    double fraction;
                    if (dist + diag < radiusMm) {
                        fraction = 1;
                    } else if (dist - diag > radiusMm) {
                        fraction = 0;
                    } else {
                        double inside = 0;
                        for (int a = 0; a < ss; a++) {
                            for (int b = 0; b < ss; b++) {
                                double u = i + (a + 0.5) / ss - 0.5;
                                double v = j + (b + 0.5) / ss - 0.5;
                                inside += chordMm(g.voxelCentre(u, v, k - 0.5), g.voxelCentre(u, v, k + 0.5), centre,
                                        radiusMm);
                            }
                        }
                        fraction = inside / (ss * ss * sp[2]);
                    }
                    codes[g.index(i, j, k)] = (short) Math.round(fullCode * fraction);
                }
            }
        });
        return new MuVolume(g, codes, muPerCode);
    }

    /** Length (mm) of the segment from a to b inside the sphere. */
    static double chordMm(PatientPoint a, PatientPoint b, PatientPoint centre, double radiusMm) {
        PatientPoint d = b.minus(a);
        double len = d.normMm();
        PatientPoint u = d.times(1 / len);
        PatientPoint m = a.minus(centre);
        double bq = m.dot(u);
        double c = m.dot(m) - radiusMm * radiusMm;
        double disc = bq * bq - c;
        if (disc <= 0) {
            return 0;
        }
        double t0 = Math.max(0, -bq - Math.sqrt(disc));
        double t1 = Math.min(len, -bq + Math.sqrt(disc));
        return Math.max(0, t1 - t0);
    }

    /** Length (mm) of the segment from a to b inside the voxel box [lo - 0.5, hi + 0.5] of grid g. */
    static double chordInBoxMm(VoxelGrid g, PatientPoint a, PatientPoint b, int[] lo, int[] hi) {
        double[] va = g.patientToVoxel().apply(a).toArray();
        double[] vb = g.patientToVoxel().apply(b).toArray();
        double t0 = 0;
        double t1 = 1;
        for (int ax = 0; ax < 3; ax++) {
            double d = vb[ax] - va[ax];
            double l = lo[ax] - 0.5;
            double h = hi[ax] + 0.5;
            if (Math.abs(d) < 1e-12) {
                if (va[ax] < l || va[ax] > h) {
                    return 0;
                }
                continue;
            }
            double ta = (l - va[ax]) / d;
            double tb = (h - va[ax]) / d;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        }
        return t1 > t0 ? (t1 - t0) * a.distanceMm(b) : 0;
    }
}
