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

    @Test
    void blends_each_value_with_its_mirror_image_read_between_columns() {
        Grid3 g = new Grid3(10, 2, 1, 1, 1, 1);
        int[] v = new int[g.size()];
        java.util.Arrays.fill(v, 10);
        v[g.index(7, 0, 0)] = 1000;
        v[g.index(7, 1, 0)] = 1000;
        // mirror at column 4.5: column 7 <-> column 2
        int[] b = MirrorSymmetry.blendWithMirror(v, g, 4.5, 0.25);
        assertThat(b[g.index(7, 0, 0)]).as("own barrier, three quarters kept").isEqualTo(753);
        assertThat(b[g.index(2, 1, 0)]).as("a quarter of the mirrored barrier").isEqualTo(258);
        assertThat(b[g.index(5, 0, 0)]).isEqualTo(10);
        // mirror at column 4.75: column 2 <-> 7.5, half-way between 7 (1000) and 8 (10)
        int[] c = MirrorSymmetry.blendWithMirror(v, g, 4.75, 0.25);
        assertThat(c[g.index(2, 0, 0)]).isEqualTo(134);
        assertThat(c[g.index(0, 0, 0)]).as("mirror (9.5) off the grid: own value").isEqualTo(10);
    }
}
