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
        int[] b = MirrorSymmetry.blendWithMirror(v, g, new double[] {4.5, 4.5}, 0.25);
        assertThat(b[g.index(7, 0, 0)]).as("own barrier, three quarters kept").isEqualTo(753);
        assertThat(b[g.index(2, 1, 0)]).as("a quarter of the mirrored barrier").isEqualTo(258);
        assertThat(b[g.index(5, 0, 0)]).isEqualTo(10);
        // mirror at column 4.75: column 2 <-> 7.5, half-way between 7 (1000) and 8 (10)
        int[] c = MirrorSymmetry.blendWithMirror(v, g, new double[] {4.75, 4.75}, 0.25);
        assertThat(c[g.index(2, 0, 0)]).isEqualTo(134);
        assertThat(c[g.index(0, 0, 0)]).as("mirror (9.5) off the grid: own value").isEqualTo(10);
    }

    @Test
    void follows_a_mirror_line_that_turns_with_the_rows() {
        // a mask symmetric about column c(j) = 30 + 0.15 j (a pelvis turned by about 8.5 degrees)
        Grid3 g = new Grid3(80, 60, 3, 1, 1, 1);
        boolean[] m = new boolean[g.size()];
        java.util.Random r = new java.util.Random(5);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 60; j++) {
                double c = 30 + 0.15 * j;
                for (int t = 0; t < 4; t++) {
                    int half = 3 + r.nextInt(20);
                    int w = 1 + r.nextInt(3);
                    for (int d = half; d < half + w; d++) {
                        int left = (int) Math.round(c - d);
                        int right = (int) Math.round(c + d);
                        if (left >= 0 && right < 80) {
                            m[g.index(left, j, k)] = true;
                            m[g.index(right, j, k)] = true;
                        }
                    }
                }
            }
        }
        double[] c = MirrorSymmetry.centreByRow(m, g, 33, 10, 10, 2);
        assertThat(c[0]).isCloseTo(30, within(1.0));
        assertThat(c[59]).isCloseTo(30 + 0.15 * 59, within(1.0));
        double[] none = MirrorSymmetry.centreByRow(new boolean[g.size()], g, 33, 10, 10, 1);
        assertThat(none[10]).as("no mask: the guess").isEqualTo(33);
    }
}
