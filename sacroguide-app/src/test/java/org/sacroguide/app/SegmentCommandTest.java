package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.nifti.NiftiReader;
import org.sacroguide.imaging.nifti.NiftiWriter;

class SegmentCommandTest {

    private static Path demo(String name) {
        return CommandRun.repoRoot().resolve("data/demo").resolve(name);
    }

    @Test
    void segments_a_phantom_into_labels_summary_and_three_overlays(@TempDir Path dir) throws Exception {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(41, 3));
        p.writeNifti(dir.resolve("in"));
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.of("segment", dir.resolve("in/ct.nii.gz").toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("NOT FOR CLINICAL USE");
        NiftiReader.Labels labels = NiftiReader.readLabels(out.resolve("labels.nii.gz"));
        assertThat(labels.grid().sameGridAs(p.ct().grid(), 1e-3)).isTrue();
        int sacrum = 0;
        for (byte b : labels.labels()) {
            sacrum += b == 1 ? 1 : 0;
        }
        assertThat(sacrum).isPositive();
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(json.path("labels").path("sacrum").asInt()).isEqualTo(1);
        assertThat(json.path("labels").path("foramen_S1_left").asInt()).isEqualTo(3);
        assertThat(json.path("labels").path("ilium_right").asInt()).isEqualTo(12);
        assertThat(json.path("structures").path("sacrum").path("volume_ml").asDouble()).isGreaterThan(50);
        assertThat(json.path("structures").path("foramen_S1_left").path("centre_lps_mm")).hasSize(3);
        assertThat(json.path("notice").asText()).contains("NOT FOR CLINICAL USE");
        // fields in a fixed order, so the same CT gives the same summary.json from one run to the next
        assertThat(fieldNames(json.path("mid_sagittal_plane"))).containsExactly("point_lps_mm", "normal_lps");
        assertThat(fieldNames(json.path("bone_density"))).containsExactly("ala_left", "ala_right");
        assertThat(fieldNames(json.path("bone_density").path("ala_left"))).containsExactly("mean_hu", "sd_hu", "voxels");
        for (String plane : new String[] {"axial", "coronal", "sagittal"}) {
            assertThat(Files.size(out.resolve("overlay_" + plane + ".png"))).isGreaterThan(1000);
        }
    }

    @Test
    void reads_a_dicom_folder_of_a_prone_phantom(@TempDir Path dir) throws Exception {
        Phantom p = PhantomGenerator.generate(PhantomSpec.of(42, 3)
                .withOrientation(PhantomSpec.PatientOrientation.PRONE));
        p.writeDicom(dir.resolve("dicom"));
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.of("segment", dir.resolve("dicom").toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        NiftiReader.Labels labels = NiftiReader.readLabels(out.resolve("labels.nii.gz"));
        assertThat(labels.grid().sameGridAs(p.ct().grid(), 1e-3)).isTrue();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("structures");
        assertThat(s.path("sacral_canal").path("found").asBoolean()).isTrue();
    }

    @Test
    void derives_the_model_inside_the_totalsegmentator_reference_masks(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ts");
        CommandRun r = CommandRun.of("segment", demo("ct.nii.gz").toString(), "-o", out.toString(),
                "--sacrum-mask", demo("sacrum.nii.gz").toString(),
                "--ilium-left-mask", demo("hip_left.nii.gz").toString(),
                "--ilium-right-mask", demo("hip_right.nii.gz").toString(),
                "--l5-mask", demo("vertebrae_L5.nii.gz").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("structures");
        assertThat(s.path("sacral_canal").path("found").asBoolean()).isTrue();
        for (String f : new String[] {"foramen_S1_left", "foramen_S1_right", "foramen_S2_left", "foramen_S2_right"}) {
            assertThat(s.path(f).path("found").asBoolean()).as(f).isTrue();
        }
        assertThat(s.path("ilium_left").path("found").asBoolean()).isTrue();
        assertThat(r.err()).as("the model's warnings, on stderr").contains("warning: ");
        assertThat(r.out()).contains("NOT FOR CLINICAL USE").doesNotContain("warning: ");
        // the written sacrum is the reference mask (holes filled), nothing else
        byte[] ref = NiftiReader.readLabels(demo("sacrum.nii.gz")).labels();
        byte[] ours = NiftiReader.readLabels(out.resolve("labels.nii.gz")).labels();
        int outside = 0;
        for (int n = 0; n < ref.length; n++) {
            if (ours[n] == 1 && ref[n] == 0) {
                outside++;
            }
        }
        assertThat(outside).isLessThan(20);
    }

    @Test
    void refuses_a_scan_without_sacrum_with_one_line_naming_the_z_range(@TempDir Path dir) throws Exception {
        CtVolume ct = NiftiReader.readCt(demo("ct.nii.gz"));
        int k0 = 80;
        CtVolume upper = ct.crop(0, 0, k0, ct.columns(), ct.rows(), ct.slices() - k0);
        Path in = dir.resolve("upper.nii.gz");
        NiftiWriter.writeCt(upper, in);
        CommandRun r = CommandRun.of("segment", in.toString(), "-o", dir.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no sacrum").contains("z = 334.3 to 427.3 mm");
        assertThat(r.errIsOneLineWithoutStackTrace()).isTrue();
        assertThat(Files.exists(dir.resolve("out/labels.nii.gz"))).isFalse();
    }

    @Test
    void ilium_masks_without_a_sacrum_mask_are_a_usage_error(@TempDir Path dir) {
        CommandRun r = CommandRun.of("segment", demo("ct.nii.gz").toString(), "-o", dir.toString(),
                "--ilium-left-mask", demo("hip_left.nii.gz").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
