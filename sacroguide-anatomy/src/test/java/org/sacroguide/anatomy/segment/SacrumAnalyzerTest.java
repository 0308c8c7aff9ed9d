package org.sacroguide.anatomy.segment;

import org.sacroguide.imaging.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SacrumModel.PartFlags;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;

class SacrumAnalyzerTest {

    private static boolean[] mask(Phantom p, Structure s) {
        return p.truth().mask(s);
    }

    @Test
    void from_the_true_sacrum_mask_it_finds_canal_foramina_and_joints_of_a_phantom() throws Exception {
        for (double spacing : new double[] {1.0, 2.5}) {
            Phantom p = PhantomGenerator.generate(PhantomSpec.of(21, spacing).withOsteoporosis(true));
            SacrumModel m = SacrumAnalyzer.fromMasks(p.ct(), mask(p, Structure.SACRUM), mask(p, Structure.ILIUM_LEFT),
                    mask(p, Structure.ILIUM_RIGHT), mask(p, Structure.L5));
            double canal = Measures.dice(m.labels().labelArray(), Structure.SACRAL_CANAL.label(),
                    p.truth().labelArray(), Structure.SACRAL_CANAL.label());
            assertThat(canal).as("canal Dice at %.1f mm", spacing).isGreaterThanOrEqualTo(0.85);
            double tol = Math.max(2.0, spacing);
            for (Foramen t : p.truthModel().foramina()) {
                Foramen f = m.foramen(t.level(), t.side()).orElseThrow(() -> new AssertionError(t.structure() + " missing"));
                assertThat(f.centre().distanceMm(t.centre())).as(t.structure().jsonName()).isLessThanOrEqualTo(tol);
            }
            for (Side side : Side.values()) {
                double d = Measures.meanJointDistanceMm(m.siJoints().get(side), p.truthModel().siJoints().get(side));
                assertThat(d).as("SI joint %s at %.1f mm", side, spacing).isLessThanOrEqualTo(spacing);
            }
            assertThat(m.warnings()).anyMatch(w -> w.contains("very low bone density"));
        }
    }

    @Test
    void a_dark_slot_in_front_of_the_canal_within_its_span_is_not_taken_for_a_foramen() throws Exception {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(21, 1.5));
        VoxelGrid vg = p.ct().grid();
        byte[] truth = p.truth().labelArray();
        // the canal's extent in each axial slice (patient frame)
        int nz = vg.slices();
        double[] xLo = new double[nz];
        double[] xHi = new double[nz];
        double[] yFront = new double[nz];
        java.util.Arrays.fill(xLo, Double.MAX_VALUE);
        java.util.Arrays.fill(xHi, -Double.MAX_VALUE);
        java.util.Arrays.fill(yFront, Double.MAX_VALUE);
        int kHi = -1;
        Grid3 g = new Grid3(vg.columns(), vg.rows(), nz, vg.spacingMm()[0], vg.spacingMm()[1], vg.spacingMm()[2]);
        for (int n = 0; n < truth.length; n++) {
            if (truth[n] == Structure.SACRAL_CANAL.label()) {
                int k = g.k(n);
                PatientPoint c = vg.voxelCentre(g.i(n), g.j(n), k);
                xLo[k] = Math.min(xLo[k], c.x());
                xHi[k] = Math.max(xHi[k], c.x());
                yFront[k] = Math.min(yFront[k], c.y());
                kHi = Math.max(kHi, k);
            }
        }
        // a pair of dark slots (elliptic, 2.5 mm left-right, 5 mm front-back) over the top 24 mm of the canal,
        // mirror images, 7 mm in front of it and inside its left-right span: bigger than the S4 foramina and
        // mirror images, so only their place tells them from foramina
        boolean[] sacrum = mask(p, Structure.SACRUM);
        short[] hu = p.ct().huArray().clone();
        int carved = 0;
        for (int n = 0; n < truth.length; n++) {
            int k = g.k(n);
            if (Math.abs(k - kHi) * g.sz() > 24 || xHi[k] < xLo[k]) {
                continue;
            }
            PatientPoint c = vg.voxelCentre(g.i(n), g.j(n), k);
            double xMid = (xLo[k] + xHi[k]) / 2;
            double half = (xHi[k] - xLo[k]) / 2;
            for (int sign = -1; sign <= 1; sign += 2) {
                double dx = (c.x() - (xMid + sign * (half - 2.5))) / 2.5;
                double dy = (c.y() - (yFront[k] - 7)) / 5;
                if (dx * dx + dy * dy <= 1 && sacrum[n]) {
                    sacrum[n] = false;
                    hu[n] = -60;
                    carved++;
                }
            }
        }
        assertThat(carved).as("slot voxels carved from the sacrum").isGreaterThan(300);
        SacrumModel m = SacrumAnalyzer.fromMasks(new CtVolume(vg, hu), sacrum, mask(p, Structure.ILIUM_LEFT),
                mask(p, Structure.ILIUM_RIGHT), mask(p, Structure.L5));
        for (Foramen t : p.truthModel().foramina()) {
            Foramen f = m.foramen(t.level(), t.side()).orElseThrow(() -> new AssertionError(t.structure() + " missing"));
            assertThat(f.centre().distanceMm(t.centre())).as(t.structure().jsonName()).isLessThanOrEqualTo(2.0);
        }
    }

    @Test
    void part_flags_mark_cortex_anterior_cortex_ala_and_trabecular_bone_inside_the_sacrum_only() throws Exception {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(22, 1.5));
        SacrumModel m = SacrumAnalyzer.fromMasks(p.ct(), mask(p, Structure.SACRUM), mask(p, Structure.ILIUM_LEFT),
                mask(p, Structure.ILIUM_RIGHT), null);
        byte[] f = m.partFlags();
        byte[] l = m.labels().labelArray();
        int[] counts = new int[32];
        for (int n = 0; n < f.length; n++) {
            if (f[n] != 0) {
                assertThat(l[n]).isEqualTo((byte) Structure.SACRUM.label());
            }
            for (int b = 0; b < 5; b++) {
                if ((f[n] & (1 << b)) != 0) {
                    counts[1 << b]++;
                }
            }
        }
        assertThat(counts[PartFlags.CORTEX]).isPositive();
        assertThat(counts[PartFlags.ANTERIOR_CORTEX]).isPositive().isLessThan(counts[PartFlags.CORTEX]);
        assertThat(counts[PartFlags.ALA_LEFT]).isPositive();
        assertThat(counts[PartFlags.ALA_RIGHT]).isPositive();
        assertThat(counts[PartFlags.TRABECULAR]).isPositive();
        // the mid-sagittal plane passes within 2 mm of the true one
        PatientPoint truthPoint = p.truthModel().midSagittal().point();
        assertThat(Math.abs(m.midSagittal().signedDistanceMm(truthPoint))).isLessThan(2.0);
        assertThat(m.alaDensity()).containsKeys(Side.LEFT, Side.RIGHT);
    }

    @Test
    void refuses_an_empty_mask_and_one_in_two_pieces() {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(23, 3));
        boolean[] empty = new boolean[p.ct().grid().voxelCount()];
        assertThatThrownBy(() -> SacrumAnalyzer.fromMasks(p.ct(), empty, null, null, null))
                .isInstanceOf(InvalidMaskException.class).hasMessageContaining("empty");
        boolean[] two = mask(p, Structure.SACRUM);
        boolean[] ilium = mask(p, Structure.L5);
        for (int n = 0; n < two.length; n++) {
            two[n] |= ilium[n];
        }
        assertThatThrownBy(() -> SacrumAnalyzer.fromMasks(p.ct(), two, null, null, null))
                .isInstanceOf(InvalidMaskException.class).hasMessageContaining("separate pieces");
    }

    @Test
    void fills_enclosed_holes_of_a_supplied_mask_and_says_so() throws Exception {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(24, 2));
        boolean[] s = mask(p, Structure.SACRUM);
        // punch an enclosed cavity into the body of S2 (as TotalSegmentator sometimes leaves)
        PatientPoint c = p.truthModel().midSagittal().point();
        int hollowed = 0;
        var g = p.ct().grid();
        for (int n = 0; n < s.length; n++) {
            int i = n % g.columns();
            int j = (n / g.columns()) % g.rows();
            int k = n / (g.columns() * g.rows());
            PatientPoint q = g.voxelCentre(i, j, k);
            if (s[n] && q.distanceMm(new PatientPoint(c.x() + 30, c.y() - 5, c.z() + 20)) < 4) {
                s[n] = false;
                hollowed++;
            }
        }
        assertThat(hollowed).isPositive();
        SacrumModel m = SacrumAnalyzer.fromMasks(p.ct(), s, null, null, null);
        assertThat(m.warnings()).anyMatch(w -> w.startsWith("filled"));
        assertThat(m.labels().count(Structure.SACRUM)).isGreaterThanOrEqualTo(p.truth().count(Structure.SACRUM) - 1);
    }

    @Test
    void totalsegmentator_reference_masks_give_canal_and_s1_s2_foramina_on_both_sides() throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        boolean[] sacrum = read(ct, "sacrum");
        SacrumModel m = SacrumAnalyzer.fromMasks(ct, sacrum, read(ct, "hip_left"), read(ct, "hip_right"),
                read(ct, "vertebrae_L5"));
        assertThat(m.detection(Structure.SACRAL_CANAL).isFound()).isTrue();
        assertThat(m.labels().count(Structure.SACRAL_CANAL)).isPositive();
        for (SacralLevel level : new SacralLevel[] {SacralLevel.S1, SacralLevel.S2}) {
            for (Side side : Side.values()) {
                Foramen f = m.foramen(level, side).orElseThrow(() -> new AssertionError(level + " " + side + " missing"));
                // the centre lies in a hole of the reference sacrum, not in its bone
                PatientPoint v = ct.grid().patientToVoxel().apply(f.centre());
                int n = ct.grid().index((int) Math.round(v.x()), (int) Math.round(v.y()), (int) Math.round(v.z()));
                assertThat(sacrum[n]).as(level + " " + side).isFalse();
                assertThat(f.centre().x() > m.midSagittal().point().x()).isEqualTo(side == Side.LEFT);
            }
        }
        assertThat(m.siJoints().get(Side.LEFT).detection().isFound()).isTrue();
        assertThat(m.siJoints().get(Side.RIGHT).detection().isFound()).isTrue();
    }

    private static boolean[] read(CtVolume ct, String name) throws Exception {
        Path p = TestData.demo(name + ".nii.gz");
        NiftiReader.Labels l = NiftiReader.readLabels(p);
        return MaskInput.onCtGrid(ct.grid(), l.grid(), l.labels(), name);
    }

    /** HU of a 1-D bone profile along x: marrow, sacral cortex to {@code edgeMm}, gap, iliac cortex, marrow. */
    private static double profileHu(double x0, double x1, double edgeMm, double gapMm) {
        double[][] parts = {{-1e9, edgeMm - 1.6, 250}, {edgeMm - 1.6, edgeMm, 900}, {edgeMm, edgeMm + gapMm, 30},
            {edgeMm + gapMm, edgeMm + gapMm + 2, 900}, {edgeMm + gapMm + 2, 1e9, 230}};
        double sum = 0;
        for (double[] p : parts) {
            sum += Math.max(0, Math.min(x1, p[1]) - Math.max(x0, p[0])) * p[2];
        }
        return sum / (x1 - x0);
    }

    private static double gapEdgeMm(double spacing, double edgeMm, double gapMm) {
        int nx = (int) Math.round(30 / spacing);
        Affine a = Affine.ofRowMajor(new double[] {spacing, 0, 0, 0, 0, spacing, 0, 0, 0, 0, spacing, 0});
        VoxelGrid vg = new VoxelGrid(nx, 3, 3, a);
        Grid3 g = new Grid3(nx, 3, 3, spacing, spacing, spacing);
        short[] hu = new short[g.size()];
        for (int n = 0; n < hu.length; n++) {
            double x = g.i(n) * spacing;
            hu[n] = (short) Math.round(profileHu(x - spacing / 2, x + spacing / 2, edgeMm, gapMm));
        }
        // the surface voxel a label crossing into the gap would give: one voxel lateral of the true edge
        int i = (int) Math.round(edgeMm / spacing) + 1;
        double shift = SacrumAnalyzer.jointGapEdgeMm(hu, g.index(i, 1, 1), new SacrumAnalyzer.Box(g, 0, 0, 0, a, vg), 0, 1);
        return i * spacing + shift;
    }

    @Test
    void a_visible_joint_gap_puts_the_joint_surface_on_the_sacral_side_of_the_gap() {
        // exact where a voxel lies wholly in the 1.6 mm cortex; within 0.3 voxel where none does
        for (double spacing : new double[] {0.7, 0.8, 1.0, 1.3}) {
            double tol = spacing <= 0.8 ? 0.01 : 0.3 * spacing;
            for (double edge : new double[] {12.0, 12.3, 12.55}) {
                assertThat(gapEdgeMm(spacing, edge, 2.0)).as("edge at %.2f mm, spacing %.1f mm", edge, spacing)
                        .isCloseTo(edge, org.assertj.core.data.Offset.offset(tol));
            }
        }
        // no gap (the cortices touch) and a grid too coarse to show one: the labelled surface is kept
        assertThat(gapEdgeMm(0.8, 12.0, 0.0)).isNaN();
        assertThat(gapEdgeMm(3.0, 12.0, 2.0)).isNaN();
    }

    @Test
    void foramina_that_are_not_mirror_images_are_kept_but_marked_doubtful_with_a_warning() {
        java.util.Map<Structure, org.sacroguide.anatomy.Detection> det = new java.util.EnumMap<>(Structure.class);
        java.util.List<String> warnings = new java.util.ArrayList<>();
        org.sacroguide.anatomy.Detection ok = org.sacroguide.anatomy.Detection.found(0.8);
        java.util.List<Foramen> in = java.util.List.of(
                new Foramen(SacralLevel.S1, Side.LEFT, new PatientPoint(32, -90, 200), java.util.List.of(), ok),
                new Foramen(SacralLevel.S1, Side.RIGHT, new PatientPoint(-27, -90, 203), java.util.List.of(), ok),
                new Foramen(SacralLevel.S2, Side.LEFT, new PatientPoint(30, -90, 180), java.util.List.of(), ok),
                new Foramen(SacralLevel.S2, Side.RIGHT, new PatientPoint(-6, -70, 166), java.util.List.of(), ok),
                new Foramen(SacralLevel.S3, Side.LEFT, new PatientPoint(25, -90, 160), java.util.List.of(), ok));
        // mid-line x = 1 mm everywhere
        java.util.List<Foramen> out = SacrumAnalyzer.doubtUnpairedForamina(in, new double[] {1, 0}, det, warnings, 3);
        assertThat(out).hasSize(5);
        assertThat(out.get(0).detection()).isEqualTo(ok);
        assertThat(out.get(1).detection()).isEqualTo(ok);
        assertThat(out.get(4).detection()).as("no partner: nothing to compare").isEqualTo(ok);
        for (int i : new int[] {2, 3}) {
            assertThat(out.get(i).detection().confidence()).isEqualTo(SacrumAnalyzer.DOUBTFUL_CONFIDENCE);
            assertThat(out.get(i).centre()).isEqualTo(in.get(i).centre());
            assertThat(det.get(out.get(i).structure())).isEqualTo(out.get(i).detection());
        }
        assertThat(warnings).singleElement().asString().contains("S2 foramina are not mirror images")
                .contains("left 29 mm").contains("right 7 mm").contains("14 mm apart");
    }

    @Test
    void wall_and_enclosed_voxels_darker_than_half_way_to_the_wall_join_the_canal() {
        Grid3 g = new Grid3(7, 1, 1, 3, 3, 3);
        // canal | partial-volume voxels (mostly canal, mostly wall) | wall
        short[] hu = {-40, -40, 60, 400, 480, 480, 480};
        boolean[] canal = {true, true, false, false, false, false, false};
        boolean[] s = {false, false, true, true, true, true, true};
        SacrumAnalyzer.canalWall(canal, s, new boolean[7], hu, g);
        // half-way between the canal's -40 and the brightest wall voxel next to it (400): 180
        assertThat(canal).containsExactly(true, true, true, false, false, false, false);
        assertThat(s).containsExactly(false, false, false, true, true, true, true);
        // a voxel the trim left unlabelled joins the canal only where the sacrum encloses it
        boolean[] canal2 = {true, true, false, false, false, false, false};
        boolean[] s2 = {false, false, false, true, true, true, true};
        SacrumAnalyzer.canalWall(canal2, s2, new boolean[7], hu, g);
        assertThat(canal2[2]).as("not enclosed").isFalse();
        SacrumAnalyzer.canalWall(canal2, s2, new boolean[] {true, true, true, false, false, false, false}, hu, g);
        assertThat(canal2).containsExactly(true, true, true, false, false, false, false);
        assertThat(s2).containsExactly(false, false, false, true, true, true, true);
    }

    @Test
    void joint_points_far_off_the_fitted_plane_are_dropped_but_not_those_within_a_voxel() {
        java.util.List<PatientPoint> pts = new java.util.ArrayList<>();
        java.util.Random r = new java.util.Random(3);
        for (int q = 0; q < 100; q++) {
            pts.add(new PatientPoint(40 + r.nextGaussian() * 0.5, r.nextDouble() * 40, r.nextDouble() * 40));
        }
        // a corner of the sacrum near the ilium, off the joint
        for (int q = 0; q < 8; q++) {
            pts.add(new PatientPoint(52, 20 + q, 45));
        }
        org.sacroguide.anatomy.Plane plane = org.sacroguide.anatomy.PlaneFit.fit(pts);
        var kept = SacrumAnalyzer.nearPlane(plane, pts, 1.0);
        assertThat(kept).hasSizeBetween(95, 100).noneMatch(p -> p.x() > 50);
        assertThat(SacrumAnalyzer.nearPlane(plane, pts, 15.0)).as("all within one (15 mm) voxel").hasSize(108);
    }
}
