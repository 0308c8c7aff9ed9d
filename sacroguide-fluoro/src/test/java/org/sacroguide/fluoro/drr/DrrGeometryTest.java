package org.sacroguide.fluoro.drr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.sacroguide.fluoro.FluoroInputException;
import org.sacroguide.imaging.PatientPoint;

class DrrGeometryTest {

    private static final PatientPoint ISO = new PatientPoint(10, -80, 200);

    @Test
    void lateral_puts_the_source_on_the_patients_left_and_ap_in_front() {
        assertThat(DrrGeometry.reference(View.LATERAL, ISO).sourceLps().distanceMm(new PatientPoint(1010, -80, 200)))
                .isLessThan(1e-9);
        assertThat(DrrGeometry.reference(View.AP, ISO).sourceLps().distanceMm(new PatientPoint(10, -1080, 200)))
                .isLessThan(1e-9);
    }

    @Test
    void ap_image_shows_the_patients_right_on_the_left_and_the_head_at_the_top() {
        DrrGeometry g = DrrGeometry.reference(View.AP, ISO);
        double[] right = g.project(ISO.plus(new PatientPoint(-50, 0, 0)));
        double[] head = g.project(ISO.plus(new PatientPoint(0, 0, 50)));
        assertThat(right[0]).isLessThan((g.columns() - 1) / 2.0);
        assertThat(head[1]).isLessThan((g.rows() - 1) / 2.0);
    }

    @Test
    void projection_inverts_pixel_centres_and_magnifies_the_isocentre_plane() {
        DrrGeometry g = DrrGeometry.reference(View.LATERAL, ISO);
        double[] p = g.project(g.pixelCentreLps(100.25, 300.5));
        assertThat(p[0]).isCloseTo(100.25, offset(1e-9));
        assertThat(p[1]).isCloseTo(300.5, offset(1e-9));
        double[] a = g.project(ISO);
        double[] b = g.project(ISO.plus(new PatientPoint(0, 0, 10)));
        assertThat((a[1] - b[1]) * g.pixelHeightMm()).isCloseTo(15, offset(1e-9));
    }

    @Test
    void cranial_tilt_moves_the_source_towards_the_feet() throws Exception {
        DrrGeometry g = DrrGeometry.of(90, 20, 1000, 1500, 300, 300, 64, 64, ISO);
        assertThat(g.sourceLps().z()).isCloseTo(200 - 1000 * Math.sin(Math.toRadians(20)), offset(1e-9));
        assertThat(g.detectorUpLps().dot(g.towardsSourceLps())).isCloseTo(0, offset(1e-12));
    }

    @Test
    void refuses_absurd_detectors_and_distances_with_a_clear_message() {
        assertThatThrownBy(() -> DrrGeometry.of(90, 0, 1000, 1500, 5000, 430, 512, 512, ISO))
                .isInstanceOf(FluoroInputException.class).hasMessageContaining("detector must be 10-1000 mm");
        assertThatThrownBy(() -> DrrGeometry.of(90, 0, 1000, 900, 430, 430, 512, 512, ISO))
                .isInstanceOf(FluoroInputException.class).hasMessageContaining("source-to-detector distance");
        assertThatThrownBy(() -> DrrGeometry.of(90, 0, -5, 1500, 430, 430, 512, 512, ISO))
                .isInstanceOf(FluoroInputException.class).hasMessageContaining("source-to-isocentre");
        assertThatThrownBy(() -> DrrGeometry.of(90, 0, 1000, 1500, 430, 430, 2, 512, ISO))
                .isInstanceOf(FluoroInputException.class).hasMessageContaining("pixels");
    }

    @Test
    void views_parse_from_their_command_line_names() {
        assertThat(View.parse("right-lateral")).isEqualTo(View.RIGHT_LATERAL);
        assertThat(View.parse("AP").cliName()).isEqualTo("ap");
        assertThatThrownBy(() -> View.parse("oblique")).hasMessageContaining("use ap, lateral");
    }
}
