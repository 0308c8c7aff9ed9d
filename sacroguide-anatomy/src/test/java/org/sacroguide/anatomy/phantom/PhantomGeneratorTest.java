package org.sacroguide.anatomy.phantom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SiJoint;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.nifti.NiftiReader;

class PhantomGeneratorTest {

    private static int labelAt(LabelMap m, PatientPoint p) {
        PatientPoint v = m.grid().patientToVoxel().apply(p);
        int i = (int) Math.round(v.x());
        int j = (int) Math.round(v.y());
        int k = (int) Math.round(v.z());
        return m.grid().contains(i, j, k) ? m.labelAt(i, j, k) : -1;
    }

    @Test
    void the_same_spec_gives_the_same_phantom() {
        PhantomSpec spec = PhantomSpec.of(5, 3).withOsteoporosis(true);
        Phantom a = PhantomGenerator.generate(spec);
        Phantom b = PhantomGenerator.generate(spec);
        assertThat(a.ct().huArray()).isEqualTo(b.ct().huArray());
        assertThat(a.truth().labelArray()).isEqualTo(b.truth().labelArray());
        Phantom c = PhantomGenerator.generate(PhantomSpec.of(6, 3));
        assertThat(Arrays.equals(a.ct().huArray(), c.ct().huArray())).isFalse();
    }

    @Test
    void a_3mm_phantom_covers_200_by_160_by_160_mm_and_holds_every_structure() {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(1, 3));
        VoxelGrid g = p.ct().grid();
        assertThat(new int[] {g.columns(), g.rows(), g.slices()}).containsExactly(67, 53, 53);
        for (Structure s : Structure.values()) {
            assertThat(p.truth().count(s)).as(s.jsonName()).isPositive();
        }
        double sacrumMl = p.truth().volumeMl(Structure.SACRUM);
        assertThat(sacrumMl).as("sacrum volume, mL").isBetween(120.0, 400.0);
    }

    @Test
    void foramen_centres_lie_in_their_foramen_and_the_model_lists_all_eight() {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(2, 0.8));
        SacrumModel m = p.truthModel();
        assertThat(m.foramina()).hasSize(8);
        for (Foramen f : m.foramina()) {
            assertThat(labelAt(p.truth(), f.centre())).as(f.structure().jsonName()).isEqualTo(f.structure().label());
            assertThat(f.detection().isFound()).isTrue();
        }
        // left foramina lie at +x (patient's left in LPS), at the same height as their right partner
        for (int n = 0; n < 8; n += 2) {
            Foramen l = m.foramina().get(n);
            Foramen r = m.foramina().get(n + 1);
            assertThat(l.side()).isEqualTo(Side.LEFT);
            assertThat(l.centre().x()).isGreaterThan(r.centre().x());
            assertThat(l.centre().z()).isEqualTo(r.centre().z());
        }
    }

    @Test
    void si_joint_points_sit_on_the_sacrum_with_the_ilium_just_lateral() {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(3, 0.7).withFieldOfView(200, 160, 100));
        for (Side side : Side.values()) {
            SiJoint j = p.truthModel().siJoints().get(side);
            assertThat(j.surfacePoints()).hasSizeGreaterThan(100);
            int onSacrum = 0;
            int iliumLateral = 0;
            for (PatientPoint q : j.surfacePoints()) {
                PatientPoint inward = q.plus(new PatientPoint(-0.5 * side.lpsXSign(), 0, 0));
                PatientPoint outward = q.plus(new PatientPoint(3.5 * side.lpsXSign(), 0, 0));
                if (labelAt(p.truth(), inward) == Structure.SACRUM.label()) {
                    onSacrum++;
                }
                int il = side == Side.LEFT ? Structure.ILIUM_LEFT.label() : Structure.ILIUM_RIGHT.label();
                if (labelAt(p.truth(), outward) == il) {
                    iliumLateral++;
                }
            }
            assertThat(onSacrum).isGreaterThan(j.surfacePoints().size() * 9 / 10);
            assertThat(iliumLateral).isGreaterThan(j.surfacePoints().size() * 8 / 10);
            // the joint plane is roughly sagittal: its normal points mostly left-right
            assertThat(Math.abs(j.fittedPlane().normal().x())).isGreaterThan(0.6);
        }
    }

    @Test
    void prone_flips_the_axes_but_not_the_anatomy() {
        PhantomSpec spec = PhantomSpec.of(4, 2);
        Phantom supine = PhantomGenerator.generate(spec);
        Phantom prone = PhantomGenerator.generate(spec.withOrientation(PhantomSpec.PatientOrientation.PRONE));
        assertThat(prone.ct().voxelToPatient().axis(0).x()).isNegative();
        assertThat(prone.ct().voxelToPatient().axis(1).y()).isNegative();
        VoxelGrid g = supine.truth().grid();
        int mismatches = 0;
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    PatientPoint ps = g.voxelCentre(i, j, k);
                    PatientPoint pp = prone.truth().grid().voxelCentre(g.columns() - 1 - i, g.rows() - 1 - j, k);
                    assertThat(ps.distanceMm(pp)).isLessThan(1e-6);
                    if (supine.truth().labelAt(i, j, k) != prone.truth().labelAt(g.columns() - 1 - i, g.rows() - 1 - j, k)) {
                        mismatches++;
                    }
                }
            }
        }
        assertThat(mismatches).isZero();
        assertThat(prone.truth().count(Structure.SACRUM)).isEqualTo(supine.truth().count(Structure.SACRUM));
    }

    @Test
    void osteoporosis_lowers_the_alar_density() {
        Phantom normal = PhantomGenerator.generate(PhantomSpec.of(7, 1.5));
        Phantom osteo = PhantomGenerator.generate(PhantomSpec.of(7, 1.5).withOsteoporosis(true));
        for (Side side : Side.values()) {
            assertThat(normal.truthModel().alaDensity().get(side).meanHu()).isGreaterThan(200);
            assertThat(osteo.truthModel().alaDensity().get(side).meanHu()).isLessThan(120);
        }
    }

    @Test
    void fracture_lines_are_low_density_bands_that_stay_part_of_the_sacrum() {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(8, 0.7).withFieldOfView(200, 160, 100)
                .withFractures(PhantomSpec.FractureLines.UNILATERAL_LEFT));
        assertThat(p.truthModel().fractures()).hasSize(1);
        assertThat(p.truthModel().fractures().get(0).side()).isEqualTo(Side.LEFT);
        PatientPoint c = p.truthModel().fractures().get(0).centre();
        assertThat(labelAt(p.truth(), c)).isEqualTo(Structure.SACRUM.label());
        assertThat(p.ct().sampleHu(c)).isLessThan(150);
        PatientPoint mirror = new PatientPoint(2 * p.truthModel().midSagittal().point().x() - c.x(), c.y(), c.z());
        assertThat(labelAt(p.truth(), mirror)).isEqualTo(Structure.SACRUM.label());
        assertThat(p.ct().sampleHu(mirror)).isGreaterThan(150);
        Phantom h = PhantomGenerator.generate(PhantomSpec.of(8, 2).withFractures(PhantomSpec.FractureLines.H_SHAPED));
        assertThat(h.truthModel().fractures()).hasSize(2);
    }

    @Test
    void it_writes_nifti_that_reads_back_on_the_same_grid(@TempDir Path dir) throws Exception {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(9, 3).withOrientation(PhantomSpec.PatientOrientation.PRONE));
        p.writeNifti(dir);
        CtVolume ct = NiftiReader.readCt(dir.resolve("ct.nii.gz"));
        assertThat(ct.grid().sameGridAs(p.ct().grid(), 1e-3)).isTrue();
        assertThat(ct.huArray()).isEqualTo(p.ct().huArray());
        NiftiReader.Labels l = NiftiReader.readLabels(dir.resolve("labels.nii.gz"));
        assertThat(l.labels()).isEqualTo(p.truth().labelArray());
    }

    @Test
    void it_writes_a_dicom_series_that_reads_back_to_the_same_volume(@TempDir Path dir) throws Exception {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(11, 3));
        assertThat(p.writeDicom(dir)).hasSize(p.ct().slices());
        CtVolume back = org.sacroguide.imaging.dicom.DicomSeriesReader.read(java.util.List.of(dir),
                org.sacroguide.imaging.dicom.DicomReadOptions.DEFAULTS).volume();
        assertThat(back.grid().sameGridAs(p.ct().grid(), 1e-3)).isTrue();
        assertThat(back.huArray()).isEqualTo(p.ct().huArray());
    }

    @Test
    void metal_and_a_shifted_field_of_view_change_what_is_in_the_scan() {
        Phantom metal = PhantomGenerator.generate(PhantomSpec.of(10, 3).withMetalHip(true));
        assertThat(metal.ct().huRange()[1]).isGreaterThan(2500);
        Phantom chest = PhantomGenerator.generate(PhantomSpec.of(10, 3).withCraniocaudalShift(300));
        assertThat(chest.truth().count(Structure.SACRUM)).isZero();
        assertThat(chest.truthModel().detection(Structure.SACRUM).isFound()).isFalse();
    }
}
