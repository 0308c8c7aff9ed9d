package org.sacroguide.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CtVolumeTest {

    /** A volume whose HU is a linear function of patient position, which trilinear sampling reproduces exactly. */
    static CtVolume linearRamp() {
        PatientPoint[] axes = {new PatientPoint(-1, 0, 0), new PatientPoint(0, -1, 0), new PatientPoint(0, 0, 1)};
        VoxelGrid g = new VoxelGrid(20, 16, 12, Affine.of(new PatientPoint(10, 5, -30), axes, new double[] {2, 2.5, 3}));
        short[] hu = new short[g.voxelCount()];
        for (int k = 0; k < 12; k++) {
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 20; i++) {
                    hu[g.index(i, j, k)] = (short) (10 * i + 7 * j + 3 * k);
                }
            }
        }
        return new CtVolume(g, hu);
    }

    @Test
    void affine_inverse_maps_patient_points_back_to_voxels() {
        CtVolume ct = linearRamp();
        PatientPoint p = ct.voxelToPatient().apply(3.25, 7.5, 4.75);
        PatientPoint v = ct.patientToVoxel().apply(p);
        assertThat(v.x()).isCloseTo(3.25, within(1e-9));
        assertThat(v.y()).isCloseTo(7.5, within(1e-9));
        assertThat(v.z()).isCloseTo(4.75, within(1e-9));
        assertThat(ct.spacingMm()).containsExactly(2, 2.5, 3);
    }

    @Test
    void trilinear_sampling_reproduces_a_linear_field_at_patient_points() {
        CtVolume ct = linearRamp();
        PatientPoint p = ct.voxelToPatient().apply(3.25, 7.5, 4.75);
        assertThat(ct.sampleHu(p)).isCloseTo(10 * 3.25 + 7 * 7.5 + 3 * 4.75, within(1e-9));
        assertThat(ct.sampleHuAtVoxel(19, 15, 11)).isCloseTo(190 + 105 + 33, within(1e-9));
    }

    @Test
    void sampling_outside_the_volume_gives_air() {
        CtVolume ct = linearRamp();
        assertThat(ct.sampleHuAtVoxel(-0.1, 0, 0)).isEqualTo(CtVolume.AIR_HU);
        assertThat(ct.sampleHu(new PatientPoint(1e4, 0, 0))).isEqualTo(CtVolume.AIR_HU);
    }

    @Test
    void resampling_keeps_positions_and_values_of_a_linear_field() {
        CtVolume ct = linearRamp();
        CtVolume r = ct.resample(1, 1.25, 1.5);
        assertThat(r.columns()).isEqualTo(39);
        assertThat(r.rows()).isEqualTo(31);
        assertThat(r.slices()).isEqualTo(23);
        assertThat(r.spacingMm()).containsExactly(1, 1.25, 1.5);
        PatientPoint p = r.voxelToPatient().apply(5, 9, 7);
        assertThat(r.huAt(5, 9, 7)).isEqualTo((int) Math.round(ct.sampleHu(p)));
        assertThat(r.voxelToPatient().translation()).isEqualTo(ct.voxelToPatient().translation());
    }

    @Test
    void cropping_keeps_each_voxel_at_its_patient_position() {
        CtVolume ct = linearRamp();
        CtVolume c = ct.crop(2, 3, 4, 5, 6, 7);
        assertThat(c.columns()).isEqualTo(5);
        assertThat(c.huAt(1, 2, 3)).isEqualTo(ct.huAt(3, 5, 7));
        assertThat(c.voxelToPatient().apply(1, 2, 3)).isEqualTo(ct.voxelToPatient().apply(3, 5, 7));
        assertThatThrownBy(() -> ct.crop(18, 0, 0, 5, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void a_512_x_512_x_400_ct_costs_less_than_twice_its_int16_size_on_the_heap() {
        int n = 512 * 512 * 400;
        long int16Bytes = 2L * n;
        long before = retainedHeapBytes();
        CtVolume ct = new CtVolume(new VoxelGrid(512, 512, 400, Affine.scaling(0.8, 0.8, 1.0, PatientPoint.ORIGIN)),
                new short[n]);
        long after = retainedHeapBytes();
        assertThat(ct.huArray()).hasSize(n);
        assertThat(after - before).as("heap held by the volume, bytes").isLessThan(2 * int16Bytes);
    }

    private static long retainedHeapBytes() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void refuses_zero_spacing_and_absurd_dimensions() {
        assertThatThrownBy(() -> new VoxelGrid(10, 10, 10, Affine.scaling(1, 0, 1, PatientPoint.ORIGIN)))
                .hasMessageContaining("spacing");
        assertThatThrownBy(() -> new VoxelGrid(100000, 100000, 1000, Affine.scaling(1, 1, 1, PatientPoint.ORIGIN)))
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> new VoxelGrid(0, 10, 10, Affine.scaling(1, 1, 1, PatientPoint.ORIGIN)))
                .hasMessageContaining("positive");
    }
}
