package org.sacroguide.planning.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.planning.Approach;
import org.sacroguide.planning.PlanningOptions;

/** Phantoms altered so that one or both sides have no safe path: the planner says so, and why. */
class NoSafePathTest {

    /** The phantom with the S1 foramen of one side widened to {@code radiusMm} around its centre line. */
    static SacrumModel widenForamen(Phantom ph, Side side, double radiusMm) {
        SacrumModel m = ph.truthModel();
        Foramen f = m.foramen(SacralLevel.S1, side).orElseThrow();
        VoxelGrid g = m.labels().grid();
        byte[] lab = m.labels().labelArray().clone();
        byte target = (byte) Structure.foramen(SacralLevel.S1, side).label();
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    int n = g.index(i, j, k);
                    PatientPoint p = g.voxelCentre(i, j, k);
                    double dx = p.x() - f.centre().x();
                    double dz = p.z() - f.centre().z();
                    if (lab[n] == Structure.SACRUM.label() && dx * dx + dz * dz <= radiusMm * radiusMm) {
                        lab[n] = target;
                    }
                }
            }
        }
        return new SacrumModel(new LabelMap(g, lab), m.partFlags(), m.midSagittal(), m.foramina(), m.siJoints(),
                m.alaDensity(), m.fractures(), m.detections(), m.warnings());
    }

    @Test
    void no_target_lies_within_20_mm_of_the_mid_line_even_when_the_model_calls_all_bone_ala() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(42, 2.0));
        SacrumModel m = ph.truthModel();
        byte[] flags = m.partFlags().clone();
        byte[] lab = m.labels().labelArray();
        for (int n = 0; n < flags.length; n++) {
            if (lab[n] == Structure.SACRUM.label()) {
                flags[n] |= SacrumModel.PartFlags.ALA_RIGHT;
            }
        }
        SacrumModel wrong = new SacrumModel(m.labels(), flags, m.midSagittal(), m.foramina(), m.siJoints(),
                m.alaDensity(), m.fractures(), m.detections(), m.warnings());
        TrajectoryPlanner p = new TrajectoryPlanner(ph.ct(), wrong, PlanningOptions.defaults());
        var targets = p.targets(Side.RIGHT, SacralLevel.S1, Approach.VERTICAL);
        assertThat(targets).isNotEmpty();
        for (PatientPoint t : targets) {
            assertThat(Math.abs(m.midSagittal().signedDistanceMm(t))).as("target %s", t)
                    .isGreaterThanOrEqualTo(20.0);
        }
    }

    @Test
    void without_a_sure_s1_foramen_vertical_targets_keep_35_mm_from_the_mid_line() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(42, 2.0));
        SacrumModel m = ph.truthModel();
        org.sacroguide.anatomy.Detection doubt = new org.sacroguide.anatomy.Detection(0.2,
                java.util.Optional.of("the S1 foramina are not mirror images of each other"));
        java.util.List<Foramen> foramina = new java.util.ArrayList<>();
        for (Foramen f : m.foramina()) {
            foramina.add(f.level() == SacralLevel.S1 && f.side() == Side.RIGHT
                    ? new Foramen(f.level(), f.side(), f.centre(), f.centreLine(), doubt) : f);
        }
        SacrumModel doubted = new SacrumModel(m.labels(), m.partFlags(), m.midSagittal(), foramina, m.siJoints(),
                m.alaDensity(), m.fractures(), m.detections(), m.warnings());
        TrajectoryPlanner sure = new TrajectoryPlanner(ph.ct(), m, PlanningOptions.defaults());
        TrajectoryPlanner p = new TrajectoryPlanner(ph.ct(), doubted, PlanningOptions.defaults());
        var before = sure.targets(Side.RIGHT, SacralLevel.S1, Approach.VERTICAL);
        assertThat(before).anyMatch(t -> Math.abs(m.midSagittal().signedDistanceMm(t)) < 35);
        var vertical = p.targets(Side.RIGHT, SacralLevel.S1, Approach.VERTICAL);
        assertThat(vertical).isNotEmpty().allMatch(t -> Math.abs(m.midSagittal().signedDistanceMm(t)) >= 35);
        assertThat(p.targets(Side.RIGHT, SacralLevel.S1, Approach.OBLIQUE_SI))
                .anyMatch(t -> Math.abs(m.midSagittal().signedDistanceMm(t)) < 35);
        assertThat(p.targets(Side.LEFT, SacralLevel.S1, Approach.VERTICAL))
                .as("the left S1 foramen is sure").anyMatch(t -> Math.abs(m.midSagittal().signedDistanceMm(t)) < 35);
        TrajectoryPlanner.SideResult right = p.plan(Side.RIGHT, Approach.VERTICAL, SacralLevel.S1);
        right.needle().ifPresent(n -> assertThat(Math.abs(m.midSagittal().signedDistanceMm(n.targetLps())))
                .isGreaterThanOrEqualTo(35.0));
    }

    @Test
    void bone_the_model_does_not_label_behind_the_left_ala_blocks_the_left_side() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(41, 2.0).withOsteoporosis(true));
        VoxelGrid g = ph.ct().grid();
        byte[] lab = ph.truthModel().labels().labelArray();
        double yPost = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if (lab[g.index(i, j, k)] == Structure.SACRUM.label()) {
                        yPost = Math.max(yPost, g.voxelCentre(i, j, k).y());
                    }
                }
            }
        }
        // a 10 mm plate of cortical-bone HU behind everything left of x = 5 mm, labelled nowhere in the model
        short[] hu = ph.ct().huArray().clone();
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    PatientPoint p = g.voxelCentre(i, j, k);
                    if (p.x() > 5 && p.y() > yPost + 4 && p.y() < yPost + 14) {
                        hu[g.index(i, j, k)] = 700;
                    }
                }
            }
        }
        TrajectoryPlanner p = new TrajectoryPlanner(new CtVolume(g, hu), ph.truthModel(), PlanningOptions.defaults());
        for (Approach a : new Approach[] {Approach.VERTICAL, Approach.OBLIQUE_SI}) {
            TrajectoryPlanner.SideResult left = p.plan(Side.LEFT, a, SacralLevel.S1);
            assertThat(left.needle()).as("left " + a).isEmpty();
            assertThat(left.infeasible().orElseThrow().reason()).contains("bone outside the sacrum");
            assertThat(p.plan(Side.RIGHT, a, SacralLevel.S1).needle()).as("right " + a).isPresent();
        }
    }

    @Test
    void a_foramen_filling_the_left_ala_leaves_the_left_side_infeasible_naming_the_s1_foramen() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(7, 2.0).withFractures(PhantomSpec.FractureLines.BILATERAL));
        SacrumModel m = widenForamen(ph, Side.LEFT, 24);
        TrajectoryPlanner p = new TrajectoryPlanner(ph.ct(), m, PlanningOptions.defaults());
        for (Approach a : new Approach[] {Approach.VERTICAL, Approach.OBLIQUE_SI}) {
            TrajectoryPlanner.SideResult left = p.plan(Side.LEFT, a, SacralLevel.S1);
            assertThat(left.needle()).isEmpty();
            assertThat(left.infeasible().orElseThrow().reason()).startsWith("left: ").containsAnyOf("left S1 foramen", "foramina");
            TrajectoryPlanner.SideResult right = p.plan(Side.RIGHT, a, SacralLevel.S1);
            assertThat(right.needle()).isPresent();
            GroundTruthCheck.assertSafe(right.needle().get(), m);
        }
    }

    @Test
    void margins_no_path_can_keep_are_reported_with_the_best_clearance_found() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(8, 2.0).withOsteoporosis(true));
        PlanningOptions strict = PlanningOptions.defaults().withNeuralClearanceMm(25);
        TrajectoryPlanner p = new TrajectoryPlanner(ph.ct(), ph.truthModel(), strict);
        for (Side s : Side.values()) {
            TrajectoryPlanner.SideResult r = p.plan(s, Approach.VERTICAL, SacralLevel.S1);
            assertThat(r.needle()).isEmpty();
            assertThat(r.infeasible().orElseThrow().reason()).startsWith(s.lowerName() + ": ")
                    .containsPattern("the best passes .*[0-9.]+ mm from the " + s.lowerName() + " S[12] foramen \\(25.0 mm required\\)");
        }
    }

    @Test
    void a_widened_foramen_on_both_sides_gives_no_needle_at_all_and_each_side_says_why() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(9, 1.5).withFractures(PhantomSpec.FractureLines.H_SHAPED));
        SacrumModel m = widenForamen(ph, Side.LEFT, 24);
        Phantom both = new Phantom(ph.spec(), ph.ct(), m.labels(), m);
        SacrumModel m2 = widenForamen(both, Side.RIGHT, 24);
        TrajectoryPlanner p = new TrajectoryPlanner(ph.ct(), m2, PlanningOptions.defaults());
        for (Side s : Side.values()) {
            for (Approach a : Approach.values()) {
                TrajectoryPlanner.SideResult r = p.plan(s, a, SacralLevel.S1);
                if (a == Approach.LONG_AXIS && r.needle().isPresent()) {
                    // the long-axis path runs below the widened S1 foramen; it must still be safe
                    GroundTruthCheck.assertSafe(r.needle().get(), m2);
                    continue;
                }
                assertThat(r.needle()).as(s + " " + a).isEmpty();
                assertThat(r.infeasible().orElseThrow().reason()).isNotBlank();
            }
        }
    }
}
