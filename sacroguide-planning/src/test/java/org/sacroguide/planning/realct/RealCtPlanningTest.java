package org.sacroguide.planning.realct;

import org.sacroguide.imaging.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;
import org.sacroguide.planning.Approach;
import org.sacroguide.planning.NeedlePlan;
import org.sacroguide.planning.PlanningInputs;
import org.sacroguide.planning.PlanningOptions;
import org.sacroguide.planning.trajectory.TrajectoryPlanner;

/**
 * The bundled real CT, planned on the sacrum model that the anatomy module derives from the reference
 * sacrum and hip masks (the documented --sacrum-mask workflow), and checked against the reference masks:
 * bone part inside the reference sacrum, path clear of the reference iliac arteries and veins, colon and
 * bladder and outside the hip bones, and the oblique needle parallel to the reference SI joint line.
 */
class RealCtPlanningTest {

    private static PlanningInputs inputs;
    private static final List<NeedlePlan> NEEDLES = new ArrayList<>();

    @BeforeAll
    static void plan() throws Exception {
        inputs = PlanningInputs.load(TestData.demo("ct.nii.gz"), Optional.of(new PlanningInputs.MaskFiles(
                TestData.demo("sacrum.nii.gz"), Optional.of(TestData.demo("hip_left.nii.gz")),
                Optional.of(TestData.demo("hip_right.nii.gz")), Optional.of(TestData.demo("vertebrae_L5.nii.gz")))));
        TrajectoryPlanner p = new TrajectoryPlanner(inputs.ct(), inputs.model(), PlanningOptions.defaults());
        for (Approach a : new Approach[] {Approach.VERTICAL, Approach.OBLIQUE_SI}) {
            for (Side s : Side.values()) {
                TrajectoryPlanner.SideResult r = p.plan(s, a, SacralLevel.S1);
                System.out.println(a + " " + s + ": " + r.needle().map(n -> String.format(java.util.Locale.ROOT,
                        "skin %s target %s min %.1f mm (%s)", n.skinEntryLps(), n.targetLps(), n.minClearanceMm(),
                        n.limitingStructure())).orElseGet(() -> r.infeasible().orElseThrow().reason()));
                r.needle().ifPresent(NEEDLES::add);
            }
        }
    }

    @Test
    void both_vertical_needles_are_planned() {
        assertThat(NEEDLES.stream().filter(n -> n.approach() == Approach.VERTICAL).map(NeedlePlan::side))
                .containsExactlyInAnyOrder(Side.LEFT, Side.RIGHT);
    }

    @Test
    void each_needle_lies_inside_the_reference_sacrum_along_its_bone_part() throws Exception {
        NiftiReader.Labels sacrum = ReferenceMasks.read("sacrum");
        for (NeedlePlan n : NEEDLES) {
            PatientPoint d = n.trajectory().direction();
            double bone = n.boneEntryLps().distanceMm(n.targetLps());
            // from half a voxel (1.5 mm) past the bone entry to the tip
            for (double t = 1.5; t <= bone; t += 0.25) {
                assertThat(ReferenceMasks.inside(sacrum, n.boneEntryLps().plus(d.times(t))))
                        .as(n.side() + " " + n.approach() + " in the reference sacrum " + t + " mm past the bone entry").isTrue();
            }
        }
    }

    @Test
    void paths_stay_clear_of_reference_vessels_colon_bladder_and_hip_bones() throws Exception {
        for (String m : List.of("iliac_artery_left", "iliac_artery_right", "iliac_vena_left", "iliac_vena_right", "colon",
                "urinary_bladder", "hip_left", "hip_right")) {
            NiftiReader.Labels mask = ReferenceMasks.read(m);
            for (NeedlePlan n : NEEDLES) {
                double c = ReferenceMasks.clearanceMm(mask, n);
                System.out.printf(java.util.Locale.ROOT, "%s %s: %s clearance %.1f mm%n", n.side(), n.approach(), m, c);
                assertThat(c).as(n.side() + " " + n.approach() + " clearance from " + m).isGreaterThan(0);
            }
        }
    }

    @Test
    void oblique_needles_run_within_5_degrees_of_the_reference_si_joint_line() throws Exception {
        NiftiReader.Labels sacrum = ReferenceMasks.read("sacrum");
        List<NeedlePlan> oblique = NEEDLES.stream().filter(n -> n.approach() == Approach.OBLIQUE_SI).toList();
        assertThat(oblique).isNotEmpty();
        for (NeedlePlan n : oblique) {
            NiftiReader.Labels hip = ReferenceMasks.read(n.side() == Side.LEFT ? "hip_left" : "hip_right");
            double[] line = ReferenceMasks.jointLine(sacrum, hip, n.targetLps().z());
            double angle = ReferenceMasks.axialAngleDeg(n, line);
            System.out.printf(java.util.Locale.ROOT, "%s oblique: %.1f deg from the reference SI joint line%n", n.side(), angle);
            assertThat(angle).as(n.side() + " oblique vs reference joint line").isLessThanOrEqualTo(5.0);
        }
    }
}
