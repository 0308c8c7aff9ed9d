package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class InspectCommandTest {

    @TempDir
    Path tmp;

    @Test
    void the_bundled_ct_is_122_x_101_x_112_voxels_of_3_mm() {
        CommandRun r = CommandRun.of("inspect", CommandRun.repoRoot().resolve("data/demo/ct.nii.gz").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("122 x 101 x 112 voxels of 3.0 mm").contains("NOT FOR CLINICAL USE")
                .contains("Orientation:     RAS").contains("Transfer syntax: none (NIfTI)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void json_for_a_nifti_file_has_the_documented_keys_and_no_transfer_syntax() throws Exception {
        CommandRun r = CommandRun.of("inspect", "--json", CommandRun.repoRoot().resolve("data/demo/ct.nii.gz").toString());
        assertThat(r.exitCode()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("dimensions").toString()).isEqualTo("[122,101,112]");
        assertThat(j.get("spacingMm").get(2).asDouble()).isEqualTo(3.0);
        assertThat(j.get("transferSyntaxUid").isNull()).isTrue();
        assertThat(j.get("huMin").asInt()).isLessThan(-1000);
        assertThat(j.get("huMax").asInt()).isGreaterThan(3000);
        assertThat(j.get("series")).hasSize(1);
        assertThat(j.get("warnings")).isEmpty();
    }

    @Test
    void json_for_a_dicom_folder_matches_the_corpus() throws Exception {
        CommandRun r = CommandRun.of("inspect", "--json", CommandRun.corpus("j2k_lossless").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip().lines()).hasSize(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("dimensions").toString()).isEqualTo("[122,101,52]");
        assertThat(j.get("spacingMm").toString()).isEqualTo("[3.0,3.0,3.0]");
        assertThat(j.get("huMin").asInt()).isEqualTo(-1024);
        assertThat(j.get("huMax").asInt()).isEqualTo(3071);
        assertThat(j.get("transferSyntaxUid").asText()).isEqualTo("1.2.840.10008.1.2.4.90");
        assertThat(j.get("series")).hasSize(1);
        assertThat(j.get("series").get(0).get("seriesInstanceUid").asText())
                .isEqualTo("1.2.826.0.1.3680043.8.498.12401819458406283107578740402337250597");
        assertThat(j.get("series").get(0).get("files").asInt()).isEqualTo(52);
        assertThat(j.get("firstVoxelCentreMm").get(2).asDouble()).isEqualTo(109.301758);
        assertThat(j.get("warnings")).isEmpty();
    }

    @Test
    void a_mixed_folder_lists_both_series_and_warns_about_the_readme() throws Exception {
        CommandRun text = CommandRun.of("inspect", CommandRun.corpus("mixed_folder").toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("2 series found").contains("localizer").contains("number 12")
                .contains("README.txt");
        JsonNode j = new ObjectMapper().readTree(CommandRun.of("inspect", "--json", CommandRun.corpus("mixed_folder").toString()).out());
        assertThat(j.get("series")).hasSize(2);
        assertThat(j.get("series").get(0).get("chosen").asBoolean()).isTrue();
        assertThat(j.get("series").get(1).get("localizer").asBoolean()).isTrue();
        assertThat(j.get("warnings").get(0).asText()).contains("README.txt");
    }

    @Test
    void series_can_be_chosen_by_uid_and_an_unknown_one_is_refused() {
        String loc = "1.2.826.0.1.3680043.8.498.57458158714701060286417261374237460607";
        CommandRun unknown = CommandRun.of("inspect", CommandRun.corpus("mixed_folder").toString(), "--series", "9.9.9");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no series with UID or number 9.9.9");
        assertThat(unknown.errIsOneLineWithoutStackTrace()).isTrue();
        CommandRun ct = CommandRun.of("inspect", CommandRun.corpus("mixed_folder").toString(), "--series", "12");
        assertThat(ct.exitCode()).isZero();
        // the localizer series holds two images of different sizes: it is not a volume
        CommandRun localizer = CommandRun.of("inspect", CommandRun.corpus("mixed_folder").toString(), "--series", loc);
        assertThat(localizer.exitCode()).isEqualTo(1);
        assertThat(localizer.err()).contains("mixes image sizes");
    }

    @Test
    void an_mr_series_exits_1_unless_allowed() {
        CommandRun r = CommandRun.of("inspect", CommandRun.pydicom("MR_small.dcm").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("sacroguide inspect: ").contains("MR, not CT");
        assertThat(r.errIsOneLineWithoutStackTrace()).isTrue();
        assertThat(r.out()).isEmpty();
        CommandRun allowed = CommandRun.of("inspect", "--allow-modality", CommandRun.pydicom("MR_small.dcm").toString());
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.out()).contains("64 x 64 x 1 voxels").contains("MR, not CT");
    }

    @Test
    void an_undecodable_compression_exits_3_with_one_line() {
        CommandRun r = CommandRun.of("inspect", CommandRun.corpus("jpegls_lossless").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("1.2.840.10008.1.2.4.80");
        assertThat(r.errIsOneLineWithoutStackTrace()).isTrue();
    }

    @Test
    void a_truncated_series_and_a_missing_path_exit_1() throws Exception {
        Path dir = CommandRun.copyCorpus("explicit_le", tmp.resolve("ct"));
        try (FileChannel ch = FileChannel.open(dir.resolve("IM0030.dcm"), StandardOpenOption.WRITE)) {
            ch.truncate(5000);
        }
        CommandRun r = CommandRun.of("inspect", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("IM0030.dcm is truncated");
        assertThat(r.errIsOneLineWithoutStackTrace()).isTrue();
        CommandRun missing = CommandRun.of("inspect", tmp.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errIsOneLineWithoutStackTrace()).isTrue();
    }

    @Test
    void a_missing_slice_is_named_in_the_message() throws Exception {
        Path dir = CommandRun.copyCorpus("explicit_le", tmp.resolve("ct"));
        Files.delete(dir.resolve("IM0010.dcm"));
        CommandRun r = CommandRun.of("inspect", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("missing slice between z=133.3 and z=139.3 mm");
        assertThat(r.errIsOneLineWithoutStackTrace()).isTrue();
    }

    @Test
    void verbose_adds_the_stack_trace_for_bug_reports() {
        CommandRun r = CommandRun.of("inspect", "--verbose", CommandRun.corpus("jpegls_lossless").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("UnsupportedCompressionException");
    }

    @Test
    void help_names_the_options() {
        CommandRun r = CommandRun.of("inspect", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--json").contains("--series").contains("--allow-modality");
    }
}
