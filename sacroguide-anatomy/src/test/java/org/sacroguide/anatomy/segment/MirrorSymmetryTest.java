package org.sacroguide.anatomy.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MirrorSymmetryTest {

    @Test
    void finds_the_mirror_of_a_symmetric_row_on_the_half_voxel_grid_despite_an_extra_block_on_one_side() {
        int nx = 60;
        boolean[] m = new boolean[2 * nx];
        // two rows symmetric about column 20.5 (x = 2 * 20.5 - 10 = 31 mm with x0 = -10, step 2), plus a block far right
        for (int[] r : new int[][] {{12, 16}, {25, 29}, {18, 23}}) {
            for (int i = r[0]; i <= r[1]; i++) {
                m[i] = true;
                m[nx + i] = true;
            }
        }
        for (int i = 45; i < 58; i++) {
            m[i] = true;
        }
        double x = MirrorSymmetry.centreX(m, new int[] {0, nx}, nx, -10, 2, 25, 20);
        assertThat(x).isCloseTo(-10 + 2 * 20.5, within(0.3));
        assertThat(MirrorSymmetry.centreX(new boolean[nx], new int[] {0}, nx, -10, 2, 25, 20)).as("empty: the guess")
                .isEqualTo(25);
    }
}
