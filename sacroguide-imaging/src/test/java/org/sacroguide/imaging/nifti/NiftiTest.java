package org.sacroguide.imaging.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.SeriesGeometryException;
import org.sacroguide.imaging.TestData;
import org.sacroguide.imaging.VoxelGrid;

class NiftiTest {

    @TempDir
    Path tmp;

    @Test
    void reads_the_bundled_real_ct_with_its_geometry_in_lps() throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        assertThat(new int[] {ct.columns(), ct.rows(), ct.slices()}).containsExactly(122, 101, 112);
        assertThat(ct.spacingMm()[0]).isCloseTo(3.0, within(1e-6));
        assertThat(ct.spacingMm()[2]).isCloseTo(3.0, within(1e-6));
        // dicom-corpus README: LPS(i, j, k) = (177.956329 - 3 i, -11.319 - 3 j, 94.301758 + 3 k)
        PatientPoint p = ct.voxelToPatient().apply(10, 20, 30);
        assertThat(p.x()).isCloseTo(177.956329 - 30, within(1e-4));
        assertThat(p.y()).isCloseTo(-11.319 - 60, within(1e-4));
        assertThat(p.z()).isCloseTo(94.301758 + 90, within(1e-4));
        int[] range = ct.huRange();
        assertThat(range[0]).isLessThan(-1000);
        assertThat(range[1]).isGreaterThan(1500);
        assertThat(NiftiReader.readHeader(TestData.demo("ct.nii.gz")).affineSource()).isEqualTo("sform");
    }

    @Test
    void reads_a_float64_reference_mask_as_labels_on_the_same_grid() throws Exception {
        NiftiReader.Labels sacrum = NiftiReader.readLabels(TestData.demo("sacrum.nii.gz"));
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        assertThat(sacrum.grid().sameGridAs(ct.grid(), 1e-6)).isTrue();
        int count = 0;
        for (byte b : sacrum.labels()) {
            count += b;
        }
        assertThat(count).isEqualTo(7761);
    }

    static VoxelGrid obliqueGrid() {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        PatientPoint[] axes = {new PatientPoint(c, s, 0), new PatientPoint(-s, c, 0), new PatientPoint(0, 0, -1)};
        return new VoxelGrid(7, 5, 4, Affine.of(new PatientPoint(12.5, -40, 88), axes, new double[] {0.75, 0.8, 2.5}));
    }

    @Test
    void every_data_type_round_trips_with_affine_and_scaling() throws Exception {
        VoxelGrid g = obliqueGrid();
        for (NiftiDataType type : NiftiDataType.values()) {
            for (String ext : new String[] {".nii", ".nii.gz"}) {
                Path f = tmp.resolve(type + ext);
                boolean signed = type != NiftiDataType.UINT8 && type != NiftiDataType.UINT16;
                NiftiWriter.write(g, type, i -> (signed ? i - 60 : i) * 2 + 1, 2, 1, f);
                double[] back = new double[g.voxelCount()];
                NiftiHeader h = NiftiReader.read(f, grid -> (index, value) -> back[index] = value);
                assertThat(h.dataType()).isEqualTo(type);
                assertThat(h.grid().sameGridAs(g, 1e-4)).as(type + ext).isTrue();
                for (int i = 0; i < back.length; i++) {
                    assertThat(back[i]).as(type + " voxel " + i).isCloseTo((signed ? i - 60 : i) * 2 + 1, within(1e-6));
                }
            }
        }
    }

    @Test
    void qform_alone_gives_the_same_affine_as_the_sform() throws Exception {
        VoxelGrid g = obliqueGrid();
        byte[] header = NiftiWriter.header(g, NiftiDataType.INT16, 0, 0);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0); // drop the sform
        Path f = tmp.resolve("qform.nii");
        Files.write(f, concat(header, new byte[g.voxelCount() * 2]));
        NiftiHeader h = NiftiReader.readHeader(f);
        assertThat(h.affineSource()).isEqualTo("qform");
        assertThat(h.grid().voxelToPatient().approximatelyEquals(g.voxelToPatient(), 1e-4)).isTrue();
    }

    @Test
    void writing_the_real_ct_and_reading_it_back_is_exact() throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        Path f = tmp.resolve("ct16.nii.gz");
        NiftiWriter.writeCt(ct, f);
        CtVolume back = NiftiReader.readCt(f);
        assertThat(back.huArray()).isEqualTo(ct.huArray());
        assertThat(back.grid().sameGridAs(ct.grid(), 1e-4)).isTrue();
    }

    @Test
    void written_files_are_readable_by_others_like_any_new_file() throws Exception {
        Path f = tmp.resolve("perm.nii.gz");
        NiftiWriter.writeLabels(obliqueGrid(), new byte[obliqueGrid().voxelCount()], f);
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(tmp.resolve("plain.txt"));
            assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void a_truncated_file_is_refused_with_a_clear_message() throws Exception {
        byte[] full = Files.readAllBytes(TestData.demo("ct.nii.gz"));
        Path f = tmp.resolve("cut.nii.gz");
        Files.write(f, java.util.Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> NiftiReader.readCt(f)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void a_four_dimensional_or_non_nifti_file_is_refused() throws Exception {
        VoxelGrid g = obliqueGrid();
        byte[] header = NiftiWriter.header(g, NiftiDataType.INT16, 0, 0);
        ByteBuffer bb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(40, (short) 4).putShort(48, (short) 3);
        Path f = tmp.resolve("fmri.nii");
        Files.write(f, concat(header, new byte[g.voxelCount() * 6]));
        assertThatThrownBy(() -> NiftiReader.readCt(f)).isInstanceOf(SeriesGeometryException.class)
                .hasMessageContaining("3-D");
        Path txt = tmp.resolve("notes.nii");
        Files.writeString(txt, "hello ".repeat(100));
        assertThatThrownBy(() -> NiftiReader.readCt(txt)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("not a NIfTI");
    }

    @Test
    void zero_spacing_is_refused() throws Exception {
        VoxelGrid g = obliqueGrid();
        byte[] header = NiftiWriter.header(g, NiftiDataType.INT16, 0, 0);
        ByteBuffer bb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        bb.putShort(252, (short) 0).putShort(254, (short) 0).putFloat(84, 0f);
        Path f = tmp.resolve("flat.nii.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(concat(header, new byte[g.voxelCount() * 2]));
        }
        assertThatThrownBy(() -> NiftiReader.readCt(f)).isInstanceOf(CtInputException.class)
                .hasMessageContaining("spacing");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
