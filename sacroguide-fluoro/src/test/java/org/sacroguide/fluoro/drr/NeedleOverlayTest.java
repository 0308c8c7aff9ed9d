package org.sacroguide.fluoro.drr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.Side;
import org.sacroguide.fluoro.Needle;
import org.sacroguide.imaging.PatientPoint;

class NeedleOverlayTest {

    @Test
    void a_ray_through_the_needle_axis_crosses_one_diameter_of_steel() {
        PatientPoint s = new PatientPoint(0, -1000, 0);
        PatientPoint d = new PatientPoint(0, 2000, 0);
        double chord = NeedleOverlay.chordMm(s, d, new PatientPoint(-50, 0, 0), new PatientPoint(50, 0, 0), 1.5);
        assertThat(chord).isCloseTo(3.0, offset(1e-9));
        assertThat(NeedleOverlay.chordMm(s, d, new PatientPoint(10, 0, 0), new PatientPoint(50, 0, 0), 1.5)).isZero();
    }

    @Test
    void a_ray_along_the_needle_crosses_its_length() {
        PatientPoint s = new PatientPoint(0, -1000, 0);
        PatientPoint d = new PatientPoint(0, 2000, 0);
        double chord = NeedleOverlay.chordMm(s, d, new PatientPoint(0, -30, 0), new PatientPoint(0, 50, 0), 1.5);
        assertThat(chord).isCloseTo(80, offset(1e-9));
    }

    @Test
    void needles_appear_at_their_projection_in_the_lateral_view() throws Exception {
        PatientPoint tip = new PatientPoint(30, -10, 20);
        Needle n = new Needle(Side.LEFT, tip, tip.plus(new PatientPoint(0, 80, 0)), 3.05, 4);
        DrrGeometry g = DrrGeometry.of(0, 0, 1000, 1500, 300, 300, 256, 256, new PatientPoint(0, 0, 20));
        Radiograph r = NeedleOverlay.render(g, List.of(n));
        double[] p = g.project(tip.plus(new PatientPoint(0, 40, 0)));
        // 3.05 mm of steel at most, seen across its axis
        assertThat(r.at((int) Math.round(p[0]), (int) Math.round(p[1]))).isBetween(1.5f, 3.05f * 0.96f + 1e-3f);
        assertThat(r.at(5, 5)).isZero();
    }
}
