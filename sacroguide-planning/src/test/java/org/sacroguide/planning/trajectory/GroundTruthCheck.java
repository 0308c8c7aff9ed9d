package org.sacroguide.planning.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.planning.Approach;
import org.sacroguide.planning.NeedlePlan;

/**
 * Independent brute-force checks of a planned needle against a ground-truth label map: every voxel of a
 * structure (not only its boundary), the segment sampled every 0.1 mm, written without the planner's code.
 */
final class GroundTruthCheck {

    private GroundTruthCheck() {
    }

    static double halfVoxel(VoxelGrid g) {
        double[] s = g.spacingMm();
        return 0.5 * Math.max(s[0], Math.max(s[1], s[2]));
    }

    /** Smallest distance from the needle's outer surface (skin to tip) to any voxel of the predicate's labels. */
    static double surfaceClearanceMm(NeedlePlan n, LabelMap truth, java.util.function.IntPredicate labels) {
        VoxelGrid g = truth.grid();
        byte[] lab = truth.labelArray();
        PatientPoint a = n.skinEntryLps();
        PatientPoint b = n.targetLps();
        PatientPoint v = b.minus(a);
        double vv = v.dot(v);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if (!labels.test(lab[g.index(i, j, k)] & 0xff)) {
                        continue;
                    }
                    PatientPoint p = g.voxelCentre(i, j, k).minus(a);
                    double t = Math.max(0, Math.min(1, p.dot(v) / vv));
                    best = Math.min(best, p.minus(v.times(t)).normMm());
                }
            }
        }
        return best - halfVoxel(g) - n.gauge().outerRadiusMm();
    }

    static double pointToFlaggedMm(PatientPoint p, SacrumModel m, int flag) {
        VoxelGrid g = m.labels().grid();
        byte[] f = m.partFlags();
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if ((f[g.index(i, j, k)] & flag) != 0) {
                        best = Math.min(best, g.voxelCentre(i, j, k).distanceMm(p));
                    }
                }
            }
        }
        return best - halfVoxel(g);
    }

    static int labelAt(LabelMap truth, PatientPoint p) {
        VoxelGrid g = truth.grid();
        PatientPoint v = g.patientToVoxel().apply(p);
        int i = (int) Math.round(v.x());
        int j = (int) Math.round(v.y());
        int k = (int) Math.round(v.z());
        return g.contains(i, j, k) ? truth.labelAt(i, j, k) : -1;
    }

    static boolean isNeural(int l) {
        return l == Structure.SACRAL_CANAL.label() || (l >= Structure.FORAMEN_S1_LEFT.label() && l <= Structure.FORAMEN_S4_RIGHT.label());
    }

    /** The acceptance criteria of the planning issue, checked on one needle. */
    static void assertSafe(NeedlePlan n, SacrumModel truthModel) {
        LabelMap truth = truthModel.labels();
        String who = n.side() + " " + n.approach();
        assertThat(surfaceClearanceMm(n, truth, GroundTruthCheck::isNeural))
                .as(who + ": clearance from foramina and canal").isGreaterThanOrEqualTo(3.0);
        assertThat(pointToFlaggedMm(n.targetLps(), truthModel, SacrumModel.PartFlags.ANTERIOR_CORTEX))
                .as(who + ": tip behind the anterior cortex").isGreaterThanOrEqualTo(5.0);
        // the bone part (from half a millimetre past the bone entry to the tip) lies in the sacrum
        PatientPoint d = n.trajectory().direction();
        double bone = n.boneEntryLps().distanceMm(n.targetLps());
        assertThat(bone).as(who + ": length in bone").isGreaterThanOrEqualTo(10);
        for (double t = 0.5; t <= bone; t += 0.1) {
            assertThat(labelAt(truth, n.boneEntryLps().plus(d.times(t)))).as(who + ": in sacrum at " + t + " mm past bone entry")
                    .isEqualTo(Structure.SACRUM.label());
        }
        // no SI joint crossing: the whole path never meets the ilium
        for (double t = 0; t <= n.lengthFromSkinMm(); t += 0.1) {
            int l = labelAt(truth, n.skinEntryLps().plus(d.times(t)));
            assertThat(l).as(who + ": ilium at " + t + " mm from skin")
                    .isNotIn(Structure.ILIUM_LEFT.label(), Structure.ILIUM_RIGHT.label());
        }
        if (n.approach() != Approach.LONG_AXIS) {
            assertThat(Math.abs(d.z()) < 1 && Math.abs(n.angleToAxialPlaneDeg()) <= 20.0001).isTrue();
            assertThat(surfaceClearanceMm(n, truth, l -> l == Structure.ILIUM_LEFT.label() || l == Structure.ILIUM_RIGHT.label()))
                    .as(who + ": clearance from the ilium").isGreaterThan(0);
        }
    }
}
