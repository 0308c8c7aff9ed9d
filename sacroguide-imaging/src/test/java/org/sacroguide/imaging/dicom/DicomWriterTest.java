package org.sacroguide.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.TestData;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.nifti.NiftiReader;

class DicomWriterTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(DicomWriter.PixelEncoding.class)
    void the_bundled_ct_written_as_dicom_reads_back_exactly(DicomWriter.PixelEncoding encoding) throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        List<Path> files = DicomWriter.writeSeries(ct, tmp.resolve("series"),
                DicomWriter.SeriesSpec.of("round trip").withEncoding(encoding));
        assertThat(files).hasSize(112);
        DicomImport back = DicomSeriesReader.read(List.of(tmp.resolve("series")), DicomReadOptions.DEFAULTS);
        assertThat(back.warnings()).isEmpty();
        assertThat(back.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
        CtVolume v = back.volume();
        assertThat(new int[] {v.columns(), v.rows(), v.slices()}).containsExactly(122, 101, 112);
        assertThat(v.huArray()).isEqualTo(ct.huArray());
        double[] a = v.voxelToPatient().toRowMajor();
        double[] b = ct.voxelToPatient().toRowMajor();
        for (int n = 0; n < 12; n++) {
            assertThat(a[n]).as("affine entry " + n).isCloseTo(b[n], within(1e-9));
        }
        assertThat(Files.list(tmp.resolve("series")).filter(p -> p.toString().endsWith(".part"))).isEmpty();
    }

    @Test
    void an_oblique_flipped_volume_keeps_every_voxel_position() throws Exception {
        double c = Math.cos(0.8);
        double s = Math.sin(0.8);
        PatientPoint[] axes = {new PatientPoint(c, 0, s), new PatientPoint(0, -1, 0), new PatientPoint(-s, 0, c)};
        VoxelGrid g = new VoxelGrid(9, 7, 5, Affine.of(new PatientPoint(12.5, -30.25, 101.125), axes,
                new double[] {0.7, 0.9, 2.5}));
        short[] hu = new short[g.voxelCount()];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = (short) (i * 37 % 4000 - 1500);
        }
        CtVolume ct = new CtVolume(g, hu);
        DicomWriter.writeSeries(ct, tmp, DicomWriter.SeriesSpec.of("oblique"));
        DicomImport back = DicomSeriesReader.read(List.of(tmp), DicomReadOptions.DEFAULTS);
        assertThat(back.chosen().orientation()).isEqualTo(SeriesOrientation.OBLIQUE);
        CtVolume v = back.volume();
        // The reader orders slices along the normal (row x column), opposite to this volume's slice axis.
        assertThat(v.voxelToPatient().axis(2).dot(ct.voxelToPatient().axis(2))).isCloseTo(-2.5 * 2.5, within(1e-9));
        Affine toOriginal = g.patientToVoxel();
        for (int k = 0; k < 5; k++) {
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 9; i++) {
                    PatientPoint original = toOriginal.apply(v.voxelToPatient().apply(i, j, k));
                    int oi = (int) Math.round(original.x());
                    int oj = (int) Math.round(original.y());
                    int ok = (int) Math.round(original.z());
                    assertThat(original.distanceMm(new PatientPoint(oi, oj, ok))).isLessThan(1e-9);
                    assertThat(v.huAt(i, j, k)).isEqualTo(ct.huAt(oi, oj, ok));
                }
            }
        }
    }

    @Test
    void a_series_written_as_jpeg_2000_lossless_reads_back_exactly() throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz")).crop(0, 0, 40, 122, 101, 12);
        DicomWriter.writeSeries(ct, tmp, DicomWriter.SeriesSpec.of("j2k")
                .withCompression(DicomWriter.Compression.JPEG_2000_LOSSLESS));
        DicomImport back = DicomSeriesReader.read(List.of(tmp), DicomReadOptions.DEFAULTS);
        assertThat(back.transferSyntaxUid()).isEqualTo(TransferSyntax.JPEG_2000_LOSSLESS.uid());
        assertThat(back.volume().huArray()).isEqualTo(ct.huArray());
        assertThat(back.volume().voxelToPatient().approximatelyEquals(ct.voxelToPatient(), 1e-9)).isTrue();
    }

    @Test
    void decimal_strings_fit_in_16_characters_and_keep_their_digits() {
        assertThat(DicomValues.formatDs(-177.95632934570312)).hasSizeLessThanOrEqualTo(16);
        assertThat(Double.parseDouble(DicomValues.formatDs(-177.95632934570312))).isCloseTo(-177.95632934570312, within(1e-11));
        assertThat(DicomValues.formatDs(3.0)).isEqualTo("3");
        assertThat(DicomValues.formatDs(1e-20)).isEqualTo("0");
        assertThat(DicomValues.formatDs(0.6614680290222168)).hasSizeLessThanOrEqualTo(16);
        assertThat(DicomValues.formatDs(1.2345678901234567e-7)).hasSizeLessThanOrEqualTo(16);
        assertThat(Double.parseDouble(DicomValues.formatDs(1.2345678901234567e-7))).isCloseTo(1.2345678901234567e-7, within(1e-17));
    }
}
