package org.sacroguide.anatomy.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GeodesicFloodTest {

    @Test
    void distances_are_step_length_times_cost() {
        Grid3 g = new Grid3(10, 1, 1, 2, 1, 1);
        boolean[] domain = new boolean[10];
        Arrays.fill(domain, true);
        int[] cost = new int[10];
        Arrays.fill(cost, 10);
        cost[5] = 100;
        byte[] labels = new byte[10];
        labels[0] = 1;
        int[] d = GeodesicFlood.flood(labels, domain, cost, g);
        assertThat(d[4]).isEqualTo(4 * 20);
        assertThat(d[5]).isEqualTo(4 * 20 + 200);
        assertThat(d[9]).isEqualTo(4 * 20 + 200 + 4 * 20);
        for (byte l : labels) {
            assertThat(l).isEqualTo((byte) 1);
        }
    }

    /**
     * Two marrow cavities (cheap) in one shell each; the cavity on the right is reachable from the left
     * seed through a short path that crosses two cortices, and from its own seed through a long path of
     * marrow: it goes to its own seed, which a watershed on grey values (cortex as ridge in both cases)
     * cannot decide.
     */
    @Test
    void a_cavity_goes_to_the_seed_inside_the_same_shell_not_the_nearest_one() {
        Grid3 g = new Grid3(40, 1, 1, 1, 1, 1);
        boolean[] domain = new boolean[40];
        Arrays.fill(domain, true);
        int[] cost = new int[40];
        Arrays.fill(cost, 10);
        cost[10] = 400;
        cost[12] = 400;
        byte[] labels = new byte[40];
        labels[5] = 1;
        labels[39] = 2;
        GeodesicFlood.flood(labels, domain, cost, g);
        assertThat(labels[9]).isEqualTo((byte) 1);
        assertThat(labels[13]).isEqualTo((byte) 2);
        assertThat(labels[20]).isEqualTo((byte) 2);
    }

    @Test
    void voxels_outside_the_domain_stay_unlabelled() {
        Grid3 g = new Grid3(10, 1, 1, 1, 1, 1);
        boolean[] domain = new boolean[10];
        Arrays.fill(domain, true);
        domain[5] = false;
        int[] cost = new int[10];
        Arrays.fill(cost, 10);
        byte[] labels = new byte[10];
        labels[0] = 3;
        int[] d = GeodesicFlood.flood(labels, domain, cost, g);
        assertThat(labels[4]).isEqualTo((byte) 3);
        assertThat(labels[5]).isZero();
        assertThat(labels[6]).isZero();
        assertThat(d[6]).isEqualTo(Integer.MAX_VALUE);
    }
}
