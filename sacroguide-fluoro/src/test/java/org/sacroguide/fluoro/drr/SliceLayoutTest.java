package org.sacroguide.fluoro.drr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

class SliceLayoutTest {

    private static MuVolume counting(int nx, int ny, int nz) {
        VoxelGrid g = new VoxelGrid(nx, ny, nz, Affine.scaling(1, 1, 1, PatientPoint.ORIGIN));
        short[] c = new short[g.voxelCount()];
        for (int n = 0; n < c.length; n++) {
            c[n] = (short) (n % 1000);
        }
        return new MuVolume(g, c, 1);
    }

    @Test
    void single_slice_layouts_address_the_same_voxel_as_the_grid() {
        MuVolume v = counting(7, 5, 3);
        for (int axis = 0; axis < 3; axis++) {
            SliceLayout l = SliceLayout.of(axis, 7, 5, 3, 1);
            short[] codes = l.codes(v);
            for (int s = 0; s < l.slices(); s++) {
                for (int r = 0; r < l.slowSize(); r++) {
                    for (int f = 0; f < l.fastSize(); f++) {
                        int[] ijk = new int[3];
                        ijk[l.sliceAxis()] = s;
                        ijk[l.slowAxis()] = r;
                        ijk[l.fastAxis()] = f;
                        assertThat(codes[l.rowOffset(s, r) + f]).isEqualTo(v.codes()[v.grid().index(ijk[0], ijk[1], ijk[2])]);
                    }
                }
            }
        }
    }

    @Test
    void slabs_hold_the_mean_of_their_slices_and_a_short_last_slab_counts_missing_slices_as_zero() {
        MuVolume v = counting(6, 5, 7);
        for (int axis = 0; axis < 3; axis++) {
            SliceLayout one = SliceLayout.of(axis, 6, 5, 7, 1);
            SliceLayout l = SliceLayout.of(axis, 6, 5, 7, 3);
            short[] full = one.codes(v);
            short[] slab = l.codes(v);
            assertThat(l.slices()).isEqualTo((one.slices() + 2) / 3);
            assertThat(l.centre(1)).isEqualTo(4.0);
            for (int s = 0; s < l.slices(); s++) {
                for (int r = 0; r < l.slowSize(); r++) {
                    for (int f = 0; f < l.fastSize(); f++) {
                        int sum = 0;
                        for (int q = 3 * s; q < Math.min(one.slices(), 3 * s + 3); q++) {
                            sum += full[one.rowOffset(q, r) + f];
                        }
                        assertThat(slab[l.rowOffset(s, r) + f]).isEqualTo((short) Math.round(sum / 3.0));
                    }
                }
            }
        }
    }
}
