package org.sacroguide.anatomy.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;

/**
 * How much sacrum Dice the surface of the coarsest acceptance phantoms allows at all. Every voxel is given
 * its true label except the one-voxel band on both sides of the true sacral surface (outside voxels of
 * another labelled structure stay that structure), and the band is decided by (a) the best single HU
 * threshold, (b) a logistic model of the 3 x 3 x 3 neighbourhood's HU (raw and squared) fitted to the truth
 * itself, in-sample. Both are measuring devices: nothing here is used by the segmenter. On six of the
 * seven phantoms of 2.75-2.95 mm (in which nearly half of the sacral voxels touch its surface) (a) stays
 * below the 0.95 for every threshold, so no rule on a surface voxel's own HU can meet that bound
 * there, even with the rest of the sacrum exact; the anatomy README gives the table with the segmenter's
 * Dice.
 */
class SurfaceCeilingTest {

    /** The seven acceptance phantoms (seeds) of 2.75-2.95 mm. */
    private static final int[] COARSE = {1, 4, 6, 8, 13, 15, 17};

    @Test
    void no_surface_threshold_reaches_the_bound_on_six_coarse_phantoms() throws Exception {
        List<Integer> belowBound = new ArrayList<>();
        for (int seed : COARSE) {
            PhantomSpec spec = Measures.acceptancePhantom(seed);
            assertThat(spec.pixelSpacingMm()).as("phantom %d spacing", seed).isBetween(2.7, 3.0);
            Phantom p = PhantomGenerator.generate(spec);
            Band band = Band.of(p);
            double[] best = band.bestThreshold();
            double logistic = band.logisticDice();
            double ours = Measures.dice(SacrumSegmenter.segment(p.ct()).labels().labelArray(), 1,
                    p.truth().labelArray(), 1);
            System.out.printf(Locale.ROOT, "phantom %d (%.2f mm, osteoporosis %s): %d sacral voxels, %d band voxels; "
                            + "best threshold %.0f HU -> Dice %.3f; logistic 27-voxel -> %.3f; segmenter %.3f%n",
                    seed, spec.pixelSpacingMm(), spec.osteoporosis(), band.sacralVoxels, band.size(), best[0], best[1],
                    logistic, ours);
            if (best[1] < 0.95) {
                belowBound.add(seed);
            }
        }
        assertThat(belowBound).as("phantoms whose best surface threshold, with an exact interior, stays below 0.95")
                .containsExactly(1, 4, 8, 13, 15, 17);
    }

    /** The surface band of a phantom's true sacrum: truth, HU and 27-voxel neighbourhood per band voxel. */
    private record Band(int sacralVoxels, int sacralOffBand, boolean[] truth, short[] hu, double[][] patch) {

        static Band of(Phantom p) {
            byte[] t = p.truth().labelArray();
            short[] ct = p.ct().huArray();
            var vg = p.ct().grid();
            Grid3 g = new Grid3(vg.columns(), vg.rows(), vg.slices(), vg.spacingMm()[0], vg.spacingMm()[1],
                    vg.spacingMm()[2]);
            byte sac = (byte) Structure.SACRUM.label();
            int[] nb = new int[6];
            int sacral = 0;
            List<Integer> band = new ArrayList<>();
            for (int n = 0; n < t.length; n++) {
                sacral += t[n] == sac ? 1 : 0;
                if (t[n] != sac && t[n] != 0) {
                    continue;
                }
                int i = g.i(n);
                int j = g.j(n);
                int k = g.k(n);
                if (i < 1 || j < 1 || k < 1 || i >= g.nx() - 1 || j >= g.ny() - 1 || k >= g.nz() - 1) {
                    continue;
                }
                g.neighbours6(n, nb);
                for (int q : nb) {
                    if ((t[q] == sac) != (t[n] == sac)) {
                        band.add(n);
                        break;
                    }
                }
            }
            boolean[] truth = new boolean[band.size()];
            short[] hu = new short[band.size()];
            double[][] patch = new double[band.size()][];
            int inBand = 0;
            for (int b = 0; b < band.size(); b++) {
                int n = band.get(b);
                truth[b] = t[n] == sac;
                inBand += truth[b] ? 1 : 0;
                hu[b] = ct[n];
                double[] f = new double[55];
                int c = 0;
                for (int dk = -1; dk <= 1; dk++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        for (int di = -1; di <= 1; di++) {
                            double v = ct[g.index(g.i(n) + di, g.j(n) + dj, g.k(n) + dk)] / 300.0;
                            f[c] = v;
                            f[27 + c] = v * v;
                            c++;
                        }
                    }
                }
                f[54] = 1;
                patch[b] = f;
            }
            return new Band(sacral, sacral - inBand, truth, hu, patch);
        }

        int size() {
            return truth.length;
        }

        /** Dice of the whole sacrum when the band is decided by {@code pred} and everything else is exact. */
        double dice(boolean[] pred) {
            int tp = sacralOffBand;
            int fp = 0;
            int fn = 0;
            for (int b = 0; b < truth.length; b++) {
                tp += pred[b] && truth[b] ? 1 : 0;
                fp += pred[b] && !truth[b] ? 1 : 0;
                fn += !pred[b] && truth[b] ? 1 : 0;
            }
            return 2.0 * tp / (2 * tp + fp + fn);
        }

        /** {threshold HU, Dice} of the best "band voxel is sacrum when HU >= threshold", in steps of 10 HU. */
        double[] bestThreshold() {
            double[] best = {Double.NaN, -1};
            boolean[] pred = new boolean[truth.length];
            for (int thr = -200; thr <= 1000; thr += 10) {
                for (int b = 0; b < truth.length; b++) {
                    pred[b] = hu[b] >= thr;
                }
                double d = dice(pred);
                if (d > best[1]) {
                    best = new double[] {thr, d};
                }
            }
            return best;
        }

        /** Dice with the band decided by a logistic model of its patches, fitted to its own truth (Adam). */
        double logisticDice() {
            int m = truth.length;
            int f = patch[0].length;
            double[] w = new double[f];
            double[] mom = new double[f];
            double[] var = new double[f];
            double[] grad = new double[f];
            for (int it = 1; it <= 3000; it++) {
                Arrays.fill(grad, 0);
                for (int s = 0; s < m; s++) {
                    double e = 1 / (1 + Math.exp(-dot(w, patch[s]))) - (truth[s] ? 1 : 0);
                    for (int q = 0; q < f; q++) {
                        grad[q] += e * patch[s][q] / m;
                    }
                }
                double c1 = 1 - Math.pow(0.9, it);
                double c2 = 1 - Math.pow(0.999, it);
                for (int q = 0; q < f; q++) {
                    mom[q] = 0.9 * mom[q] + 0.1 * grad[q];
                    var[q] = 0.999 * var[q] + 0.001 * grad[q] * grad[q];
                    w[q] -= 0.02 * (mom[q] / c1) / (Math.sqrt(var[q] / c2) + 1e-8);
                }
            }
            boolean[] pred = new boolean[m];
            for (int s = 0; s < m; s++) {
                pred[s] = dot(w, patch[s]) > 0;
            }
            return dice(pred);
        }

        private static double dot(double[] a, double[] b) {
            double z = 0;
            for (int q = 0; q < a.length; q++) {
                z += a[q] * b[q];
            }
            return z;
        }
    }
}
