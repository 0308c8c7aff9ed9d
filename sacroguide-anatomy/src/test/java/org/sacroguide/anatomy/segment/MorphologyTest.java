package org.sacroguide.anatomy.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MorphologyTest {

    private final Grid3 g = new Grid3(13, 11, 9, 0.8, 1.0, 2.5);

    @Test
    void grid_index_arithmetic_round_trips() {
        for (int n = 0; n < g.size(); n++) {
            assertThat(g.index(g.i(n), g.j(n), g.k(n))).isEqualTo(n);
        }
        assertThat(g.onBorder(g.index(0, 5, 4))).isTrue();
        assertThat(g.onBorder(g.index(6, 5, 4))).isFalse();
    }

    @Test
    void distance_transform_matches_brute_force_with_anisotropic_spacing() {
        Random r = new Random(42);
        boolean[] m = new boolean[g.size()];
        for (int n = 0; n < m.length; n++) {
            m[n] = r.nextInt(40) == 0;
        }
        float[] d = Morphology.squaredDistanceMm2(m, g);
        for (int n = 0; n < m.length; n++) {
            double best = Double.MAX_VALUE;
            for (int q = 0; q < m.length; q++) {
                if (m[q]) {
                    double dx = (g.i(n) - g.i(q)) * g.sx();
                    double dy = (g.j(n) - g.j(q)) * g.sy();
                    double dz = (g.k(n) - g.k(q)) * g.sz();
                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                }
            }
            assertThat((double) d[n]).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void a_hollow_box_is_filled_in_3d_and_an_open_tube_is_not() {
        boolean[] box = new boolean[g.size()];
        for (int n = 0; n < box.length; n++) {
            int i = g.i(n);
            int j = g.j(n);
            int k = g.k(n);
            boolean inside = i >= 2 && i <= 10 && j >= 2 && j <= 8 && k >= 2 && k <= 6;
            boolean core = i >= 3 && i <= 9 && j >= 3 && j <= 7 && k >= 3 && k <= 5;
            box[n] = inside && !core;
        }
        boolean[] filled = Morphology.fillHoles3d(box, g);
        assertThat(filled[g.index(6, 5, 4)]).isTrue();
        // open both ends along k: a tube, filled only slice by slice
        boolean[] tube = box.clone();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 3; j <= 7; j++) {
                for (int i = 3; i <= 9; i++) {
                    tube[g.index(i, j, k)] = false;
                }
            }
        }
        assertThat(Morphology.fillHoles3d(tube, g)[g.index(6, 5, 4)]).isFalse();
        assertThat(Morphology.fillHoles2d(tube, g, 2)[g.index(6, 5, 4)]).isTrue();
        assertThat(Morphology.fillHoles2d(tube, g, 0)[g.index(6, 5, 4)]).isFalse();
    }

    @Test
    void closing_bridges_a_gap_narrower_than_the_ball_and_components_are_counted() {
        Grid3 line = new Grid3(30, 5, 5, 1, 1, 1);
        boolean[] m = new boolean[line.size()];
        for (int n = 0; n < m.length; n++) {
            int i = line.i(n);
            m[n] = i < 10 || i > 12 && i < 20 || i > 25; // slabs filling the cross-section
        }
        List<Integer> sizes = new ArrayList<>();
        Morphology.components(m, line, sizes);
        assertThat(sizes).hasSize(4);
        boolean[] c = Morphology.close(m, line, 2.1);
        Morphology.components(c, line, sizes);
        assertThat(sizes).hasSize(3); // gap of 3 voxels bridged, gap of 6 not
        assertThat(Morphology.largestComponent(c, line)[line.index(5, 2, 2)]).isTrue();
    }

    @Test
    void a_cavity_walled_all_round_is_enclosed_a_surface_is_not() {
        Grid3 g = new Grid3(60, 60, 60, 1, 1, 1);
        boolean[] m = new boolean[g.size()];
        for (int n = 0; n < m.length; n++) {
            double x = g.i(n) - 30;
            double y = g.j(n) - 30;
            double z = g.k(n) - 30;
            double r = Math.sqrt(x * x + y * y + z * z);
            boolean tube = x > 0 && y * y + z * z <= 2.5 * 2.5;
            m[n] = r <= 20 && r > 6 && !tube;
        }
        boolean[] e = SacrumSegmenter.withEnclosedMarrow(m, g);
        assertThat(e[g.index(26, 30, 30)]).as("in the cavity, opposite its channel").isTrue();
        assertThat(e[g.index(30, 30, 34)]).as("in the cavity, off its centre").isTrue();
        assertThat(e[g.index(8, 30, 30)]).as("2 mm outside the outer surface").isFalse();
        assertThat(e[g.index(30, 8, 30)]).as("2 mm outside the outer surface").isFalse();
        assertThat(e[g.index(2, 2, 2)]).as("far outside").isFalse();
        for (int n = 0; n < m.length; n++) {
            if (m[n]) {
                assertThat(e[n]).isTrue();
            }
        }
    }
}
