package org.sacroguide.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.SeriesGeometryException;
import org.sacroguide.imaging.UnsupportedCompressionException;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.WrongModalityException;

/**
 * Bad input (issue 2, item 6): each case gives a typed error with a one-line message, or, for files that
 * are merely not DICOM, a warning; none hangs.
 */
@Timeout(60)
class DicomBadInputTest {

    @TempDir
    Path tmp;

    static DicomImport read(Path... inputs) throws CtInputException {
        return DicomSeriesReader.read(List.of(inputs), DicomReadOptions.DEFAULTS);
    }

    static void assertOneLine(Throwable t) {
        assertThat(t.getMessage()).doesNotContain("\n").isNotBlank();
    }

    private Path series() throws IOException {
        return Corpus.copy("explicit_le", tmp.resolve("series"));
    }

    private static void truncate(Path file, long bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
        }
    }

    /** A small synthetic CT: HU = 10 i + j - 5 k on a 3 mm axial grid starting at z = z0. */
    static CtVolume synthetic(int slices, double z0, double sliceStepMm) {
        PatientPoint[] axes = {new PatientPoint(1, 0, 0), new PatientPoint(0, 1, 0), new PatientPoint(0, 0, 1)};
        VoxelGrid g = new VoxelGrid(16, 12, slices, Affine.of(new PatientPoint(-20, -15, z0), axes,
                new double[] {1.5, 1.5, sliceStepMm}));
        short[] hu = new short[g.voxelCount()];
        for (int k = 0; k < slices; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    hu[g.index(i, j, k)] = (short) (10 * i + j - 5 * k);
                }
            }
        }
        return new CtVolume(g, hu);
    }

    /** Moves the files of {@code from} into {@code into}, names prefixed, so two series share one folder. */
    static void moveInto(Path from, Path into, String prefix) throws IOException {
        Files.createDirectories(into);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.move(p, into.resolve(p.getFileName().toString().replace("IM", "IM_" + prefix)));
            }
        }
    }

    // --- truncated and non-DICOM files ---------------------------------------------------------------

    @Test
    void a_file_truncated_in_its_pixels_stops_the_series_with_a_corrupt_file_error() throws Exception {
        Path dir = series();
        Path victim = dir.resolve("IM0020.dcm");
        truncate(victim, Files.size(victim) * 6 / 10);
        assertThatThrownBy(() -> read(dir)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("IM0020.dcm").hasMessageContaining("truncated")
                .satisfies(DicomBadInputTest::assertOneLine);
    }

    @Test
    void a_single_file_truncated_in_its_header_is_a_corrupt_file_error() throws Exception {
        Path dir = series();
        Path victim = dir.resolve("IM0001.dcm");
        truncate(victim, 300);
        assertThatThrownBy(() -> read(victim)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("IM0001.dcm").hasMessageContaining("truncated")
                .satisfies(DicomBadInputTest::assertOneLine);
        // In a folder the damaged file is skipped with a warning; here it was the first slice.
        DicomImport ct = read(dir);
        assertThat(ct.volume().slices()).isEqualTo(51);
        assertThat(ct.warnings()).anySatisfy(w -> assertThat(w).contains("damaged").contains("IM0001.dcm"));
    }

    @Test
    void files_that_are_not_dicom_are_skipped_with_a_warning() throws Exception {
        Path dir = series();
        Files.writeString(dir.resolve("notes.txt"), "scanned on the old scanner\n");
        Files.write(dir.resolve("thumbs.db"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        Files.write(dir.resolve("empty"), new byte[0]);
        DicomImport ct = read(dir);
        assertThat(ct.volume().slices()).isEqualTo(52);
        assertThat(ct.warnings()).singleElement().asString()
                .contains("3 files that are not DICOM").contains("notes.txt").contains("thumbs.db");
        assertThatThrownBy(() -> read(dir.resolve("notes.txt"))).isInstanceOf(CorruptFileException.class)
                .hasMessage("notes.txt is not a DICOM file");
    }

    @Test
    void a_folder_without_images_and_a_missing_path_are_input_errors() throws Exception {
        Files.createDirectories(tmp.resolve("nothing"));
        Files.writeString(tmp.resolve("nothing/readme.txt"), "x");
        assertThatThrownBy(() -> read(tmp.resolve("nothing"))).isInstanceOf(CtInputException.class)
                .hasMessageContaining("no DICOM images").satisfies(DicomBadInputTest::assertOneLine);
        assertThatThrownBy(() -> read(tmp.resolve("no-such-folder"))).isInstanceOf(CtInputException.class)
                .hasMessageContaining("does not exist");
    }

    // --- modality --------------------------------------------------------------------------------------

    @Test
    void an_mr_series_is_refused_unless_allowed() throws Exception {
        DicomWriter.writeSeries(synthetic(4, 0, 3), tmp.resolve("mr"), DicomWriter.SeriesSpec.of("T1").withModality("MR"));
        assertThatThrownBy(() -> read(tmp.resolve("mr"))).isInstanceOf(WrongModalityException.class)
                .hasMessageContaining("is MR, not CT").satisfies(DicomBadInputTest::assertOneLine);
        DicomImport mr = DicomSeriesReader.read(List.of(tmp.resolve("mr")), DicomReadOptions.DEFAULTS.withAllowAnyModality(true));
        assertThat(mr.volume().slices()).isEqualTo(4);
        assertThat(mr.warnings()).anySatisfy(w -> assertThat(w).contains("not CT"));
    }

    @Test
    void a_ct_series_is_chosen_over_a_larger_mr_series_in_the_same_folder() throws Exception {
        DicomWriter.writeSeries(synthetic(8, 0, 3), tmp.resolve("mr"), DicomWriter.SeriesSpec.of("T1").withModality("MR"));
        DicomWriter.writeSeries(synthetic(4, 0, 3), tmp.resolve("ct"), DicomWriter.SeriesSpec.of("CT"));
        moveInto(tmp.resolve("mr"), tmp.resolve("both"), "MR");
        moveInto(tmp.resolve("ct"), tmp.resolve("both"), "CT");
        DicomImport ct = read(tmp.resolve("both"));
        assertThat(ct.chosen().modality()).isEqualTo("CT");
        assertThat(ct.series()).hasSize(2);
    }

    // --- two series in one folder ---------------------------------------------------------------------

    @Test
    void two_interleaved_series_are_told_apart_and_the_larger_one_is_chosen() throws Exception {
        DicomWriter.SeriesSpec a = DicomWriter.SeriesSpec.of("soft tissue").withSeries(DicomWriter.newUid(), 2);
        DicomWriter.SeriesSpec b = DicomWriter.SeriesSpec.of("bone").withSeries(DicomWriter.newUid(), 3);
        DicomWriter.writeSeries(synthetic(10, 0, 3), tmp.resolve("a"), a);
        DicomWriter.writeSeries(synthetic(8, 1.5, 3), tmp.resolve("b"), b);
        moveInto(tmp.resolve("a"), tmp.resolve("both"), "A");
        moveInto(tmp.resolve("b"), tmp.resolve("both"), "B");
        DicomImport ct = read(tmp.resolve("both"));
        assertThat(ct.chosen().seriesInstanceUid()).isEqualTo(a.seriesInstanceUid());
        assertThat(ct.volume().slices()).isEqualTo(10);
        assertThat(ct.series()).extracting(SeriesSummary::files).containsExactly(10, 8);
        DicomImport bone = DicomSeriesReader.read(List.of(tmp.resolve("both")), DicomReadOptions.DEFAULTS.withSeries(b.seriesInstanceUid()));
        assertThat(bone.volume().slices()).isEqualTo(8);
        assertThat(bone.volume().voxelToPatient().apply(0, 0, 0).z()).isCloseTo(1.5, within(1e-9));
        DicomImport byNumber = DicomSeriesReader.read(List.of(tmp.resolve("both")), DicomReadOptions.DEFAULTS.withSeries("3"));
        assertThat(byNumber.chosen().seriesInstanceUid()).isEqualTo(b.seriesInstanceUid());
        assertThatThrownBy(() -> DicomSeriesReader.read(List.of(tmp.resolve("both")), DicomReadOptions.DEFAULTS.withSeries("1.2.3")))
                .isInstanceOf(CtInputException.class).hasMessageContaining("no series with UID or number 1.2.3");
    }

    @Test
    void two_interleaved_acquisitions_under_one_series_uid_are_refused() throws Exception {
        String uid = DicomWriter.newUid();
        DicomWriter.writeSeries(synthetic(6, 0, 3), tmp.resolve("a"), DicomWriter.SeriesSpec.of("x").withSeries(uid, 2));
        DicomWriter.writeSeries(synthetic(6, 1, 3), tmp.resolve("b"), DicomWriter.SeriesSpec.of("x").withSeries(uid, 2));
        moveInto(tmp.resolve("a"), tmp.resolve("both"), "A");
        moveInto(tmp.resolve("b"), tmp.resolve("both"), "B");
        assertThatThrownBy(() -> read(tmp.resolve("both"))).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("uneven slice spacing").satisfies(DicomBadInputTest::assertOneLine);
    }

    @Test
    void two_acquisitions_at_the_same_positions_under_one_series_uid_are_refused() throws Exception {
        String uid = DicomWriter.newUid();
        DicomWriter.writeSeries(synthetic(6, 0, 3), tmp.resolve("a"), DicomWriter.SeriesSpec.of("x").withSeries(uid, 2));
        DicomWriter.writeSeries(synthetic(6, 0, 3), tmp.resolve("b"), DicomWriter.SeriesSpec.of("x").withSeries(uid, 2));
        moveInto(tmp.resolve("a"), tmp.resolve("both"), "A");
        moveInto(tmp.resolve("b"), tmp.resolve("both"), "B");
        assertThatThrownBy(() -> read(tmp.resolve("both"))).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("two different images at the same position z=0.0 mm")
                .satisfies(DicomBadInputTest::assertOneLine);
    }

    @Test
    void series_without_uids_are_grouped_by_their_other_attributes() throws Exception {
        DicomWriter.SeriesSpec a = DicomWriter.SeriesSpec.of("soft tissue").withSeries("", 2).withoutUids();
        DicomWriter.SeriesSpec b = DicomWriter.SeriesSpec.of("bone").withSeries("", 3).withoutUids();
        DicomWriter.writeSeries(synthetic(7, 0, 3), tmp.resolve("a"), a);
        DicomWriter.writeSeries(synthetic(5, 0, 3), tmp.resolve("b"), b);
        moveInto(tmp.resolve("a"), tmp.resolve("both"), "A");
        moveInto(tmp.resolve("b"), tmp.resolve("both"), "B");
        DicomImport ct = read(tmp.resolve("both"));
        assertThat(ct.series()).hasSize(2);
        assertThat(ct.chosen().seriesInstanceUid()).isEmpty();
        assertThat(ct.chosen().description()).isEqualTo("soft tissue");
        assertThat(ct.volume().slices()).isEqualTo(7);
        assertThat(ct.volume().huArray()).isEqualTo(synthetic(7, 0, 3).huArray());
        // The corpus' own files with their UIDs blanked still make one series.
        Path dir = series();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                DicomPatch.setString(f, Tag.SERIES_INSTANCE_UID, "");
                DicomPatch.setString(f, Tag.STUDY_INSTANCE_UID, "");
                DicomPatch.setString(f, Tag.SOP_INSTANCE_UID, "");
            }
        }
        DicomImport blank = read(dir);
        assertThat(blank.series()).hasSize(1);
        DicomCorpusTest.assertStandardVolume(blank.volume());
    }

    // --- geometry ---------------------------------------------------------------------------------------

    @Test
    void a_missing_slice_is_named_by_the_positions_around_it() throws Exception {
        Path dir = series();
        Files.delete(dir.resolve("IM0010.dcm"));
        assertThatThrownBy(() -> read(dir)).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("missing slice between z=133.3 and z=139.3 mm")
                .satisfies(DicomBadInputTest::assertOneLine);
        Files.delete(dir.resolve("IM0011.dcm"));
        assertThatThrownBy(() -> read(dir)).hasMessageContaining("2 missing slices between z=133.3 and z=142.3 mm");
    }

    @Test
    void zero_or_negative_pixel_spacing_is_refused() throws Exception {
        for (String spacing : new String[] {"0\\0", "-3\\3"}) {
            Path dir = Corpus.copy("explicit_le", tmp.resolve("spacing" + spacing.length()));
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    DicomPatch.setString(f, Tag.PIXEL_SPACING, spacing);
                }
            }
            assertThatThrownBy(() -> read(dir)).isInstanceOf(SeriesGeometryException.class)
                    .hasMessageContaining("zero or negative pixel spacing").satisfies(DicomBadInputTest::assertOneLine);
        }
    }

    @Test
    void zero_slice_spacing_is_refused() throws Exception {
        Path dir = series();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                DicomPatch.setString(f, Tag.IMAGE_POSITION_PATIENT, "177.956329\\-11.319\\109.301758");
            }
        }
        assertThatThrownBy(() -> read(dir)).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("same position z=109.3 mm");
    }

    @Test
    void absurd_dimensions_are_refused_before_anything_is_allocated() throws Exception {
        Path dir = series();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                DicomPatch.setUnsignedShort(f, Tag.ROWS, 65535);
                DicomPatch.setUnsignedShort(f, Tag.COLUMNS, 65535);
            }
        }
        assertThatThrownBy(() -> read(dir)).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("65535 x 65535 x 52 voxels").satisfies(DicomBadInputTest::assertOneLine);
        Path one = series().resolve("IM0001.dcm");
        DicomPatch.setUnsignedShort(one, Tag.ROWS, 0);
        assertThatThrownBy(() -> read(one)).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("122 x 0 pixels");
    }

    @Test
    void mixed_image_sizes_in_one_series_are_refused() throws Exception {
        String uid = DicomWriter.newUid();
        DicomWriter.writeSeries(synthetic(3, 0, 3), tmp.resolve("a"), DicomWriter.SeriesSpec.of("x").withSeries(uid, 2));
        DicomWriter.writeSeries(synthetic(3, 9, 3).crop(0, 0, 0, 8, 12, 3), tmp.resolve("b"),
                DicomWriter.SeriesSpec.of("x").withSeries(uid, 2));
        moveInto(tmp.resolve("a"), tmp.resolve("both"), "A");
        moveInto(tmp.resolve("b"), tmp.resolve("both"), "B");
        assertThatThrownBy(() -> read(tmp.resolve("both"))).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("mixes image sizes (3 images of 16 x 12, 3 images of 8 x 12 pixels)");
    }

    @Test
    void slightly_uneven_spacing_is_a_warning_and_strongly_uneven_spacing_an_error() throws Exception {
        Path dir = series();
        DicomPatch.setString(dir.resolve("IM0020.dcm"), Tag.IMAGE_POSITION_PATIENT, "177.956329\\-11.319\\166.351758");
        DicomImport ct = read(dir);
        assertThat(ct.warnings()).singleElement().asString().contains("slightly uneven slice spacing");
        assertThat(ct.volume().spacingMm()[2]).isCloseTo(3.0, within(1e-9));
        DicomPatch.setString(dir.resolve("IM0020.dcm"), Tag.IMAGE_POSITION_PATIENT, "177.956329\\-11.319\\167.301758");
        assertThatThrownBy(() -> read(dir)).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("uneven slice spacing: gaps from 2.0 to 4.0 mm");
    }

    @Test
    void duplicate_copies_of_one_image_are_read_once() throws Exception {
        Path dir = series();
        Files.copy(dir.resolve("IM0005.dcm"), dir.resolve("IM0005 (copy).dcm"));
        DicomImport ct = read(dir);
        assertThat(ct.volume().slices()).isEqualTo(52);
        assertThat(ct.warnings()).singleElement().asString().contains("copy of another image");
    }

    @Test
    void gantry_tilt_is_reported_and_every_slice_kept_where_the_scanner_put_it() throws Exception {
        double tilt = Math.toRadians(15);
        PatientPoint[] axes = {new PatientPoint(1, 0, 0), new PatientPoint(0, 1, 0), new PatientPoint(0, Math.sin(tilt), Math.cos(tilt))};
        VoxelGrid g = new VoxelGrid(16, 12, 6, Affine.of(new PatientPoint(-20, -15, 40), axes, new double[] {1.5, 1.5, 3}));
        short[] hu = new short[g.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (i % 97);
        }
        DicomWriter.writeSeries(new CtVolume(g, hu), tmp.resolve("tilted"), DicomWriter.SeriesSpec.of("tilted"));
        DicomImport ct = read(tmp.resolve("tilted"));
        assertThat(ct.warnings()).singleElement().asString().contains("gantry tilt of 15.0 degrees");
        for (int k = 0; k < 6; k++) {
            assertThat(ct.volume().voxelToPatient().apply(3, 4, k).distanceMm(g.voxelCentre(3, 4, k))).isLessThan(1e-9);
        }
        assertThat(ct.volume().huArray()).isEqualTo(hu);
    }

    // --- compression -------------------------------------------------------------------------------------

    @Test
    void a_compression_nothing_can_decode_is_refused_before_any_pixel_is_read() {
        assertThatThrownBy(() -> read(Corpus.folder("jpegls_lossless"))).isInstanceOf(UnsupportedCompressionException.class)
                .hasMessageContaining("JPEG-LS Lossless (1.2.840.10008.1.2.4.80)")
                .satisfies(DicomBadInputTest::assertOneLine);
    }

    @Test
    void damaged_compressed_data_is_a_corrupt_file_error() throws Exception {
        Path dir = Corpus.copy("jpeg_lossless_p14", tmp.resolve("jpeg"));
        Path victim = dir.resolve("IM0007.dcm");
        byte[] d = Files.readAllBytes(victim);
        int soi = indexOf(d, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        d[soi] = 0;
        d[soi + 1] = 0;
        Files.write(victim, d);
        assertThatThrownBy(() -> read(dir)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("IM0007.dcm").hasMessageContaining("JPEG")
                .satisfies(DicomBadInputTest::assertOneLine);
        // A fragment claiming more bytes than the file holds.
        Path other = dir.resolve("IM0008.dcm");
        byte[] e = Files.readAllBytes(other);
        int item = indexOf(e, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}) - 4;
        e[item + 3] = 0x7F;
        Files.write(other, e);
        assertThatThrownBy(() -> read(other)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("IM0008.dcm is truncated inside its compressed pixel data");
    }

    private static int indexOf(byte[] d, byte[] pattern) {
        for (int i = 0; i + pattern.length <= d.length; i++) {
            if (java.util.Arrays.equals(d, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalStateException("pattern not found");
    }
}
