package org.sacroguide.anatomy.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WatershedTest {

    @Test
    void two_dark_basins_meet_on_the_bright_ridge_between_them() {
        Grid3 g = new Grid3(21, 3, 3, 1, 1, 1);
        short[] hu = new short[g.size()];
        boolean[] domain = new boolean[g.size()];
        Arrays.fill(domain, true);
        for (int n = 0; n < hu.length; n++) {
            int i = g.i(n);
            hu[n] = (short) (i == 14 ? 900 : i == 13 || i == 15 ? 500 : 100);
        }
        byte[] labels = new byte[g.size()];
        labels[g.index(1, 1, 1)] = 1;
        labels[g.index(19, 1, 1)] = 2;
        Watershed.flood(labels, domain, hu, g);
        for (int j = 0; j < 3; j++) {
            assertThat(labels[g.index(12, j, 1)]).isEqualTo((byte) 1);
            assertThat(labels[g.index(13, j, 1)]).isEqualTo((byte) 1);
            assertThat(labels[g.index(15, j, 1)]).isEqualTo((byte) 2);
            assertThat(labels[g.index(16, j, 1)]).isEqualTo((byte) 2);
        }
    }

    @Test
    void voxels_outside_the_domain_stay_unlabelled() {
        Grid3 g = new Grid3(10, 1, 1, 1, 1, 1);
        short[] hu = new short[10];
        boolean[] domain = new boolean[10];
        Arrays.fill(domain, true);
        domain[5] = false;
        byte[] labels = new byte[10];
        labels[0] = 3;
        Watershed.flood(labels, domain, hu, g);
        assertThat(labels[4]).isEqualTo((byte) 3);
        assertThat(labels[5]).isZero();
        assertThat(labels[6]).isZero();
    }
}
