package org.sacroguide.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sacroguide.imaging.PatientPoint;

class NeedleTrajectoryTest {

    @Test
    void rejects_identical_entry_and_target() {
        PatientPoint p = new PatientPoint(1, 2, 3);
        assertThatThrownBy(() -> new NeedleTrajectory(p, p, Gauge.G11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coincide");
    }

    @Test
    void length_and_direction_are_in_mm_lps() {
        NeedleTrajectory t = new NeedleTrajectory(new PatientPoint(0, 80, 0), new PatientPoint(0, 20, 0), Gauge.G13);
        assertThat(t.lengthMm()).isEqualTo(60);
        assertThat(t.direction()).isEqualTo(new PatientPoint(0, -1, 0));
        assertThat(t.at(10)).isEqualTo(new PatientPoint(0, 70, 0));
    }

    @Test
    void gauges_have_their_outer_diameters_and_parse_as_written() {
        assertThat(Gauge.G11.outerDiameterMm()).isEqualTo(3.05);
        assertThat(Gauge.G13.outerDiameterMm()).isEqualTo(2.41);
        assertThat(Gauge.parse("11G")).isEqualTo(Gauge.G11);
        assertThat(Gauge.parse("13 G")).isEqualTo(Gauge.G13);
        assertThatThrownBy(() -> Gauge.parse("8G")).hasMessageContaining("11G or 13G");
    }

    @Test
    void planning_options_refuse_absurd_margins() {
        assertThatThrownBy(() -> PlanningOptions.defaults().withNeuralClearanceMm(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlanningOptions.defaults().withPlannedCementMl(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
