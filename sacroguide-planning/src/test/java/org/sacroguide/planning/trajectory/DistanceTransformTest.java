package org.sacroguide.planning.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

    @Test
    void matches_brute_force_on_random_sparse_masks_with_anisotropic_spacing() {
        Random r = new Random(42);
        for (int trial = 0; trial < 5; trial++) {
            int nx = 9 + r.nextInt(8);
            int ny = 7 + r.nextInt(8);
            int nz = 5 + r.nextInt(6);
            double sx = 0.5 + r.nextDouble();
            double sy = 0.5 + r.nextDouble();
            double sz = 0.7 + 2.5 * r.nextDouble();
            boolean[] m = new boolean[nx * ny * nz];
            for (int n = 0; n < m.length; n++) {
                m[n] = r.nextDouble() < 0.02;
            }
            m[r.nextInt(m.length)] = true;
            float[] d = DistanceTransform.distanceMm(m, nx, ny, nz, sx, sy, sz);
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        double best = Double.POSITIVE_INFINITY;
                        for (int c = 0; c < nz; c++) {
                            for (int b = 0; b < ny; b++) {
                                for (int a = 0; a < nx; a++) {
                                    if (m[a + nx * (b + ny * c)]) {
                                        double dd = Math.sqrt(Math.pow((a - i) * sx, 2) + Math.pow((b - j) * sy, 2)
                                                + Math.pow((c - k) * sz, 2));
                                        best = Math.min(best, dd);
                                    }
                                }
                            }
                        }
                        assertThat((double) d[i + nx * (j + ny * k)]).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void feature_voxels_are_at_distance_zero_and_empty_mask_is_infinite() {
        boolean[] m = new boolean[27];
        assertThat(DistanceTransform.distanceMm(m, 3, 3, 3, 1, 1, 1)).containsOnly(Float.POSITIVE_INFINITY);
        m[13] = true;
        float[] d = DistanceTransform.distanceMm(m, 3, 3, 3, 1, 2, 3);
        assertThat(d[13]).isZero();
        assertThat(d[0]).isCloseTo((float) Math.sqrt(1 + 4 + 9), org.assertj.core.data.Offset.offset(1e-5f));
    }
}
