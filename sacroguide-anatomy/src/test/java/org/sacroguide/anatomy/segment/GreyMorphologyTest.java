package org.sacroguide.anatomy.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GreyMorphologyTest {

    @Test
    void running_min_and_max_equal_the_brute_force_box() {
        Grid3 g = new Grid3(13, 7, 5, 1, 1.5, 2);
        Random r = new Random(7);
        short[] v = new short[g.size()];
        for (int n = 0; n < v.length; n++) {
            v[n] = (short) (r.nextInt(2000) - 1000);
        }
        int[] rad = {2, 1, 1};
        for (boolean max : new boolean[] {false, true}) {
            short[] fast = GreyMorphology.filter(v, g, rad, max);
            for (int n = 0; n < v.length; n++) {
                int best = max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                for (int dk = -rad[2]; dk <= rad[2]; dk++) {
                    for (int dj = -rad[1]; dj <= rad[1]; dj++) {
                        for (int di = -rad[0]; di <= rad[0]; di++) {
                            int i = g.i(n) + di;
                            int j = g.j(n) + dj;
                            int k = g.k(n) + dk;
                            if (i >= 0 && j >= 0 && k >= 0 && i < g.nx() && j < g.ny() && k < g.nz()) {
                                int x = v[g.index(i, j, k)];
                                best = max ? Math.max(best, x) : Math.min(best, x);
                            }
                        }
                    }
                }
                assertThat((int) fast[n]).as("voxel %d max=%s", n, max).isEqualTo(best);
            }
        }
    }

    @Test
    void top_hat_keeps_a_thin_plate_and_drops_a_wide_plateau() {
        Grid3 g = new Grid3(40, 3, 3, 1, 1, 1);
        short[] v = new short[g.size()];
        for (int n = 0; n < v.length; n++) {
            int i = g.i(n);
            v[n] = (short) (i >= 5 && i < 25 ? 300 : i >= 30 && i < 32 ? 300 : 0);
        }
        short[] open = GreyMorphology.open(v, g, 3);
        int mid = g.index(15, 1, 1);
        int plate = g.index(30, 1, 1);
        assertThat(v[mid] - open[mid]).as("wide plateau").isZero();
        assertThat(v[plate] - open[plate]).as("2 mm plate").isEqualTo(300);
    }
}
