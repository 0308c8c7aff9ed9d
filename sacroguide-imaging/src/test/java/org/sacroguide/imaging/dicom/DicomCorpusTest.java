package org.sacroguide.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.UnsupportedCompressionException;

/**
 * Reads the project's DICOM corpus (one real CT encoded by pydicom, dcmtk and GDCM in every common
 * transfer syntax) and checks the values of its expected.json.
 */
class DicomCorpusTest {

    static final double POSITION_TOLERANCE_MM = 1e-5;

    static DicomImport read(Path p) throws Exception {
        return DicomSeriesReader.read(List.of(p), DicomReadOptions.DEFAULTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"explicit_le", "deflated", "rle", "jpeg_lossless_p14", "jpeg_lossless_sv1", "j2k_lossless"})
    void every_lossless_syntax_gives_the_expected_volume(String folder) throws Exception {
        DicomImport ct = read(Corpus.folder(folder));
        JsonNode series = Corpus.expected().get("series").get(folder);
        assertThat(ct.transferSyntaxUid()).isEqualTo(series.get("transfer_syntax_uid").asText());
        assertThat(ct.chosen().seriesInstanceUid()).isEqualTo(series.get("series_instance_uid").asText());
        assertThat(ct.chosen().files()).isEqualTo(series.get("files").asInt());
        assertThat(ct.series()).hasSize(1);
        assertThat(ct.warnings()).isEmpty();
        assertStandardVolume(ct.volume());
    }

    @Test
    void a_dicomdir_is_followed_to_its_referenced_files() throws Exception {
        DicomImport ct = read(Corpus.folder("dicomdir").resolve("DICOMDIR"));
        JsonNode series = Corpus.expected().get("series").get("dicomdir");
        assertThat(ct.chosen().seriesInstanceUid()).isEqualTo(series.get("series_instance_uid").asText());
        assertThat(ct.chosen().files()).isEqualTo(52);
        assertThat(ct.warnings()).isEmpty();
        assertStandardVolume(ct.volume());
    }

    @Test
    void a_folder_holding_a_dicomdir_reads_the_images_and_skips_the_directory_quietly() throws Exception {
        DicomImport ct = read(Corpus.folder("dicomdir"));
        assertThat(ct.chosen().files()).isEqualTo(52);
        assertThat(ct.warnings()).isEmpty();
    }

    /** dims, spacing, first and last voxel centres, HU statistics and probe voxels of expected.json. */
    static void assertStandardVolume(CtVolume v) {
        JsonNode e = Corpus.expected();
        assertThat(new int[] {v.columns(), v.rows(), v.slices()}).containsExactly(
                e.get("dims").get("columns").asInt(), e.get("dims").get("rows").asInt(), e.get("dims").get("slices").asInt());
        assertThat(v.spacingMm()).containsExactly(new double[] {3.0, 3.0, 3.0}, within(1e-6));
        assertPoint(v.voxelToPatient().apply(0, 0, 0), e.get("first_voxel_centre_lps_mm"));
        assertPoint(v.voxelToPatient().apply(121, 100, 51), e.get("last_voxel_centre_lps_mm"));
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (short s : v.huArray()) {
            sum += s;
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        JsonNode hu = e.get("hu_stats");
        assertThat(min).isEqualTo(hu.get("min").asInt());
        assertThat(max).isEqualTo(hu.get("max").asInt());
        assertThat(sum).isEqualTo(hu.get("sum").asLong());
        assertThat((double) sum / v.huArray().length).isCloseTo(hu.get("mean").asDouble(), within(1e-9));
        for (JsonNode probe : e.get("probe_voxels")) {
            int i = probe.get("i").asInt();
            int j = probe.get("j").asInt();
            int k = probe.get("k_series").asInt();
            assertThat(v.huAt(i, j, k)).as(probe.get("name").asText()).isEqualTo(probe.get("hu").asInt());
            assertPoint(v.voxelToPatient().apply(i, j, k), probe.get("lps_mm"));
        }
    }

    static void assertPoint(PatientPoint p, JsonNode xyz) {
        assertThat(p.x()).isCloseTo(xyz.get(0).asDouble(), within(POSITION_TOLERANCE_MM));
        assertThat(p.y()).isCloseTo(xyz.get(1).asDouble(), within(POSITION_TOLERANCE_MM));
        assertThat(p.z()).isCloseTo(xyz.get(2).asDouble(), within(POSITION_TOLERANCE_MM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"implicit_le", "explicit_be"})
    void subsets_of_the_other_native_syntaxes_decode_bit_for_bit_like_explicit_le(String folder) throws Exception {
        DicomImport ct = read(Corpus.folder(folder));
        CtVolume reference = read(Corpus.folder("explicit_le")).volume();
        JsonNode series = Corpus.expected().get("series").get(folder);
        assertThat(ct.transferSyntaxUid()).isEqualTo(series.get("transfer_syntax_uid").asText());
        CtVolume v = ct.volume();
        assertThat(v.slices()).isEqualTo(4);
        assertPoint(v.voxelToPatient().apply(0, 0, 0), Corpus.expected().get("first_voxel_centre_lps_mm"));
        assertThat(v.voxelToPatient().approximatelyEquals(reference.voxelToPatient(), 1e-9)).isTrue();
        int n = v.columns() * v.rows() * 4;
        for (int x = 0; x < n; x++) {
            if (v.huArray()[x] != reference.huArray()[x]) {
                throw new AssertionError(folder + ": voxel " + x + " is " + v.huArray()[x] + ", explicit_le has "
                        + reference.huArray()[x]);
            }
        }
        for (JsonNode probe : Corpus.expected().get("probe_voxels")) {
            if (probe.get("k_series").asInt() < 4) {
                assertThat(v.huAt(probe.get("i").asInt(), probe.get("j").asInt(), probe.get("k_series").asInt()))
                        .isEqualTo(probe.get("hu").asInt());
            }
        }
    }

    @Test
    void lossy_jpeg_2000_stays_within_its_documented_error() throws Exception {
        DicomImport ct = read(Corpus.folder("j2k_lossy"));
        JsonNode series = Corpus.expected().get("series").get("j2k_lossy");
        JsonNode err = series.get("lossy_hu_error_vs_expected");
        assertThat(ct.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.91");
        CtVolume reference = read(Corpus.folder("explicit_le")).volume();
        CtVolume v = ct.volume();
        assertThat(v.grid().sameGridAs(reference.grid(), 1e-6)).isTrue();
        short[] a = v.huArray();
        short[] b = reference.huArray();
        long maxAbs = 0;
        double sumAbs = 0;
        double sumSq = 0;
        double sumSigned = 0;
        for (int x = 0; x < a.length; x++) {
            int d = a[x] - b[x];
            maxAbs = Math.max(maxAbs, Math.abs(d));
            sumAbs += Math.abs(d);
            sumSq += (double) d * d;
            sumSigned += d;
        }
        // GDCM, pydicom+GDCM and Pillow/OpenJPEG agree on these; JJ2000 may round differently by 1 HU.
        assertThat(maxAbs).isBetween(err.get("max_abs_diff_vs_clipped_nifti").asLong() - 2,
                err.get("max_abs_diff_vs_clipped_nifti").asLong() + 2);
        assertThat(sumAbs / a.length).isCloseTo(err.get("mean_abs").asDouble(), within(0.1));
        assertThat(Math.sqrt(sumSq / a.length)).isCloseTo(err.get("rms").asDouble(), within(0.1));
        assertThat(sumSigned / a.length).isCloseTo(err.get("mean_signed").asDouble(), within(0.1));
    }

    @Test
    void prone_folder_keeps_every_voxel_at_its_patient_position() throws Exception {
        DicomImport ct = read(Corpus.folder("prone"));
        CtVolume v = ct.volume();
        JsonNode prone = Corpus.expected().get("layouts").get("prone");
        assertThat(new int[] {v.columns(), v.rows(), v.slices()}).containsExactly(122, 101, 52);
        assertPoint(v.voxelToPatient().apply(0, 0, 0), prone.get("ImagePositionPatient_instance_1"));
        assertPoint(v.voxelToPatient().apply(0, 0, 51), prone.get("ImagePositionPatient_instance_52"));
        // rows and columns run the other way: +x (patient left) and +y (posterior)
        assertThat(v.voxelToPatient().axis(0).x()).isCloseTo(3.0, within(1e-9));
        assertThat(v.voxelToPatient().axis(1).y()).isCloseTo(3.0, within(1e-9));
        CtVolume standard = read(Corpus.folder("explicit_le")).volume();
        for (JsonNode probe : Corpus.expected().get("probe_voxels")) {
            int k = probe.get("k_series").asInt();
            assertThat(v.huAt(probe.get("prone_column").asInt(), probe.get("prone_row").asInt(), k))
                    .as(probe.get("name").asText()).isEqualTo(probe.get("hu").asInt());
            JsonNode lps = probe.get("lps_mm");
            PatientPoint p = new PatientPoint(lps.get(0).asDouble(), lps.get(1).asDouble(), lps.get(2).asDouble());
            assertThat(v.sampleHu(p)).isCloseTo(probe.get("hu").asInt(), within(1e-6));
        }
        // Every voxel of the prone volume holds the value of the standard volume at the same patient point.
        for (int k = 0; k < 52; k += 7) {
            for (int j = 0; j < 101; j += 5) {
                for (int i = 0; i < 122; i += 3) {
                    PatientPoint p = v.voxelToPatient().apply(i, j, k);
                    assertThat(standard.sampleHu(p)).isCloseTo(v.huAt(i, j, k), within(1e-6));
                }
            }
        }
    }

    @Test
    void mixed_folder_picks_the_ct_series_and_skips_the_readme_and_the_localizers() throws Exception {
        DicomImport ct = read(Corpus.folder("mixed_folder"));
        JsonNode series = Corpus.expected().get("series");
        assertThat(ct.chosen().seriesInstanceUid()).isEqualTo(series.get("mixed_folder").get("series_instance_uid").asText());
        assertThat(ct.chosen().seriesNumber()).isEqualTo(12);
        assertThat(ct.chosen().localizer()).isFalse();
        assertThat(ct.series()).hasSize(2);
        SeriesSummary loc = ct.series().get(1);
        assertThat(loc.seriesInstanceUid())
                .isEqualTo(series.get("mixed_folder (localizer series)").get("series_instance_uid").asText());
        assertThat(loc.localizer()).isTrue();
        assertThat(loc.files()).isEqualTo(2);
        assertThat(ct.warnings()).singleElement().asString().contains("README.txt").contains("not DICOM");
        assertThat(ct.volume().slices()).isEqualTo(8);
        assertPoint(ct.volume().voxelToPatient().apply(0, 0, 0), Corpus.expected().get("first_voxel_centre_lps_mm"));
    }

    @Test
    void jpeg_ls_is_refused_with_a_typed_error_naming_the_transfer_syntax() {
        assertThatThrownBy(() -> read(Corpus.folder("jpegls_lossless")))
                .isInstanceOfSatisfying(UnsupportedCompressionException.class,
                        e -> assertThat(e.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.4.80"))
                .hasMessageContaining("1.2.840.10008.1.2.4.80").hasMessageContaining("JPEG-LS")
                .hasMessageNotContaining("\n");
    }
}
