package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.dicom.DicomReadOptions;
import org.sacroguide.imaging.dicom.DicomSeriesReader;
import org.sacroguide.imaging.nifti.NiftiReader;

@Timeout(120)
class ConvertCommandTest {

    @TempDir
    Path tmp;

    @Test
    void a_dicom_series_becomes_an_int16_nifti_with_the_same_hu_and_affine() throws Exception {
        Path out = tmp.resolve("out/ct.nii.gz");
        CommandRun r = CommandRun.of("convert", CommandRun.corpus("jpeg_lossless_sv1").toString(), "-o", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Wrote").contains("122 x 101 x 52 voxels of 3.0 mm");
        CtVolume nifti = NiftiReader.readCt(out);
        assertThat(NiftiReader.readHeader(out).dataType().name()).isEqualTo("INT16");
        CtVolume dicom = DicomSeriesReader.read(List.of(CommandRun.corpus("jpeg_lossless_sv1")), DicomReadOptions.DEFAULTS).volume();
        assertThat(nifti.huArray()).isEqualTo(dicom.huArray());
        // NIfTI stores the affine as float32: compare within its precision
        double[] a = nifti.voxelToPatient().toRowMajor();
        double[] b = dicom.voxelToPatient().toRowMajor();
        for (int i = 0; i < 12; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-4));
        }
    }

    @Test
    void the_prone_series_keeps_its_flipped_axes_in_the_nifti() throws Exception {
        Path out = tmp.resolve("prone.nii");
        CommandRun r = CommandRun.of("convert", CommandRun.corpus("prone").toString(), "-o", out.toString(),
                "--datatype", "float32");
        assertThat(r.exitCode()).isZero();
        CtVolume nifti = NiftiReader.readCt(out);
        assertThat(NiftiReader.readHeader(out).dataType().name()).isEqualTo("FLOAT32");
        assertThat(nifti.voxelToPatient().axis(0).x()).isCloseTo(3.0, within(1e-6));
        assertThat(nifti.voxelToPatient().apply(0, 0, 0).x()).isCloseTo(-185.043671, within(1e-4));
        // probe "sacrum_max_hu": prone column 57, row 72, slice 42 holds 1117 HU
        assertThat(nifti.huAt(57, 72, 42)).isEqualTo(1117);
    }

    @Test
    void an_undecodable_series_exits_3_and_writes_nothing() throws Exception {
        Path out = tmp.resolve("ls.nii.gz");
        CommandRun r = CommandRun.of("convert", CommandRun.corpus("jpegls_lossless").toString(), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.errIsOneLineWithoutStackTrace()).isTrue();
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void a_damaged_series_leaves_an_existing_output_untouched() throws Exception {
        Path dir = CommandRun.copyCorpus("explicit_le", tmp.resolve("ct"));
        try (FileChannel ch = FileChannel.open(dir.resolve("IM0040.dcm"), StandardOpenOption.WRITE)) {
            ch.truncate(20000);
        }
        Path out = tmp.resolve("ct.nii.gz");
        Files.writeString(out, "previous result");
        CommandRun r = CommandRun.of("convert", dir.toString(), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("IM0040.dcm");
        assertThat(r.errIsOneLineWithoutStackTrace()).isTrue();
        assertThat(Files.readString(out)).isEqualTo("previous result");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ct", "ct.nii.gz");
        }
    }

    @Test
    void an_output_that_is_not_nifti_is_a_usage_error() {
        CommandRun r = CommandRun.of("convert", CommandRun.corpus("rle").toString(), "-o", tmp.resolve("ct.png").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".nii or .nii.gz").contains("--help");
        CommandRun missing = CommandRun.of("convert", CommandRun.corpus("rle").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
    }

    @Test
    void warnings_go_to_standard_error() throws Exception {
        Path out = tmp.resolve("mixed.nii.gz");
        CommandRun r = CommandRun.of("convert", CommandRun.corpus("mixed_folder").toString(), "-o", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("warning:").contains("README.txt");
        assertThat(NiftiReader.readCt(out).slices()).isEqualTo(8);
    }
}
