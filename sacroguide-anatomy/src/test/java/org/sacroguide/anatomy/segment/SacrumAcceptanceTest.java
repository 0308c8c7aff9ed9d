package org.sacroguide.anatomy.segment;

import org.sacroguide.imaging.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;

/**
 * The quality bar of the automatic sacrum model (issue acceptance): Dice and overlaps on the bundled real
 * CT against its reference masks, and Dice, foramen and joint errors on 20 random phantoms. Tagged
 * {@code acceptance}: run with {@code mvn -pl sacroguide-anatomy test -Dgroups=acceptance}. Prints every
 * measured number.
 */
@Tag("acceptance")
class SacrumAcceptanceTest {

    @Test
    void demo_ct_sacrum_matches_the_reference() throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        SacrumModel m = SacrumSegmenter.segment(ct);
        byte[] ours = m.labels().labelArray();
        byte[] ref = NiftiReader.readLabels(TestData.demo("sacrum.nii.gz")).labels();
        double dice = Measures.dice(ours, Structure.SACRUM.label(), ref, 1);
        SoftAssertions soft = new SoftAssertions();
        System.out.printf(Locale.ROOT, "demo: sacrum Dice %.3f%n", dice);
        soft.assertThat(dice).as("sacrum Dice on the demo CT").isGreaterThanOrEqualTo(0.85);
        int sacrumVoxels = m.labels().count(Structure.SACRUM);
        for (String other : new String[] {"hip_left", "hip_right", "vertebrae_L5"}) {
            byte[] o = NiftiReader.readLabels(TestData.demo(other + ".nii.gz")).labels();
            int overlap = 0;
            for (int n = 0; n < o.length; n++) {
                if (o[n] != 0 && ours[n] == Structure.SACRUM.label()) {
                    overlap++;
                }
            }
            double frac = overlap / (double) sacrumVoxels;
            System.out.printf(Locale.ROOT, "demo: sacrum overlap with %s %.1f%%%n", other, 100 * frac);
            soft.assertThat(frac).as("overlap with " + other).isLessThanOrEqualTo(0.02);
        }
        soft.assertThat(m.detection(Structure.SACRAL_CANAL).isFound()).as("canal found").isTrue();
        int[] holes = Measures.inReferenceHoles(ours, Structure.SACRAL_CANAL.label(), ref);
        int canal = holes[0];
        int canalInHoles = holes[1];
        System.out.printf(Locale.ROOT, "demo: %d canal voxels, %d in holes of the reference sacrum%n", canal, canalInHoles);
        soft.assertThat(canalInHoles).as("canal voxels in holes of the reference sacrum (at least half)")
                .isGreaterThanOrEqualTo((canal + 1) / 2);
        for (SacralLevel level : new SacralLevel[] {SacralLevel.S1, SacralLevel.S2}) {
            for (Side side : Side.values()) {
                var f = m.foramen(level, side);
                soft.assertThat(f).as(level + " " + side + " found").isPresent();
                f.ifPresent(x -> {
                    PatientPoint v = ct.grid().patientToVoxel().apply(x.centre());
                    int n = ct.grid().index((int) Math.round(v.x()), (int) Math.round(v.y()), (int) Math.round(v.z()));
                    soft.assertThat(ref[n]).as(level + " " + side + " centre in a hole of the reference").isZero();
                });
            }
        }
        soft.assertAll();
    }

    @Test
    void twenty_random_phantoms_meet_the_bounds() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (int seed = 1; seed <= 20; seed++) {
            PhantomSpec spec = Measures.acceptancePhantom(seed);
            double spacing = spec.pixelSpacingMm();
            Phantom p = PhantomGenerator.generate(spec);
            SacrumModel m = SacrumSegmenter.segment(p.ct());
            byte[] o = m.labels().labelArray();
            byte[] t = p.truth().labelArray();
            double sacrum = Measures.dice(o, 1, t, 1);
            double canal = Measures.dice(o, 2, t, 2);
            double worstForamen = 0;
            int missing = 0;
            for (Foramen tf : p.truthModel().foramina()) {
                var f = m.foramen(tf.level(), tf.side());
                if (f.isEmpty()) {
                    missing++;
                } else {
                    worstForamen = Math.max(worstForamen, f.get().centre().distanceMm(tf.centre()));
                }
            }
            double joint = 0;
            for (Side side : Side.values()) {
                joint = Math.max(joint, Measures.meanJointDistanceMm(m.siJoints().get(side),
                        p.truthModel().siJoints().get(side)));
            }
            String id = String.format(Locale.ROOT, "phantom %d (%.2f mm, osteoporosis %s, %s, %s)", seed, spacing,
                    spec.osteoporosis(), spec.fractures(), spec.orientation());
            System.out.printf(Locale.ROOT, "%s: sacrum Dice %.3f, canal Dice %.3f, worst foramen %.1f mm, "
                    + "missing %d, SI joint mean %.2f mm%n", id, sacrum, canal, worstForamen, missing, joint);
            soft.assertThat(sacrum).as(id + " sacrum Dice").isGreaterThanOrEqualTo(0.95);
            soft.assertThat(canal).as(id + " canal Dice").isGreaterThanOrEqualTo(0.85);
            soft.assertThat(missing).as(id + " foramina missing").isZero();
            soft.assertThat(worstForamen).as(id + " worst foramen centre error, mm")
                    .isLessThanOrEqualTo(Math.max(2.0, spacing));
            soft.assertThat(joint).as(id + " SI joint mean distance, mm").isLessThanOrEqualTo(spacing);
        }
        assertThat(soft.errorsCollected()).as("bounds missed").isEmpty();
    }
}
