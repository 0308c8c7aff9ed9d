package org.sacroguide.planning.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.planning.Approach;
import org.sacroguide.planning.Gauge;
import org.sacroguide.planning.NeedlePlan;
import org.sacroguide.planning.PlanningOptions;

class PlanningVariantsTest {

    @Test
    void a_lower_fracture_targets_the_s2_ala_below_the_s1_target() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(31, 2.0).withFractures(PhantomSpec.FractureLines.H_SHAPED));
        TrajectoryPlanner p = new TrajectoryPlanner(ph.ct(), ph.truthModel(), PlanningOptions.defaults());
        NeedlePlan s1 = p.plan(Side.RIGHT, Approach.VERTICAL, SacralLevel.S1).needle().orElseThrow();
        NeedlePlan s2 = p.plan(Side.RIGHT, Approach.VERTICAL, SacralLevel.S2).needle().orElseThrow();
        GroundTruthCheck.assertSafe(s2, ph.truthModel());
        double zS1 = ph.truthModel().foramen(SacralLevel.S1, Side.RIGHT).orElseThrow().centre().z();
        double zS2 = ph.truthModel().foramen(SacralLevel.S2, Side.RIGHT).orElseThrow().centre().z();
        assertThat(s2.targetLps().z()).isLessThan(s1.targetLps().z()).isLessThan((zS1 + zS2) / 2 + 1e-6);
    }

    @Test
    void a_13_gauge_needle_keeps_the_same_margins_from_its_thinner_surface() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(32, 1.5).withOsteoporosis(true));
        TrajectoryPlanner p = new TrajectoryPlanner(ph.ct(), ph.truthModel(), PlanningOptions.defaults().withGauge(Gauge.G13));
        NeedlePlan n = p.plan(Side.LEFT, Approach.OBLIQUE_SI, SacralLevel.S1).needle().orElseThrow();
        assertThat(n.gauge()).isEqualTo(Gauge.G13);
        GroundTruthCheck.assertSafe(n, ph.truthModel());
    }
}
