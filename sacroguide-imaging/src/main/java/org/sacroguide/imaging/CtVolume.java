package org.sacroguide.imaging;

import java.util.stream.IntStream;

/**
 * A CT volume: Hounsfield units stored as one flat {@code short[]} (i fastest, see
 * {@link VoxelGrid#index}) on a {@link VoxelGrid} whose affine maps voxel indices to DICOM patient
 * coordinates (LPS, mm). It costs its int16 size plus a few bytes. Instances are immutable by convention:
 * the array is never handed out for writing except through {@link #huArray()}, which hot loops read.
 * Sampling outside the grid returns {@link #AIR_HU}.
 */
public final class CtVolume {

    /** Value returned for points outside the volume, HU. */
    public static final short AIR_HU = -1024;

    private final VoxelGrid grid;
    private final short[] hu;

    /** Wraps the array without copying; the caller must not modify it afterwards. */
    public CtVolume(VoxelGrid grid, short[] hu) {
        if (hu.length != grid.voxelCount()) {
            throw new IllegalArgumentException(
                    "HU array holds " + hu.length + " values but the grid has " + grid.voxelCount() + " voxels");
        }
        this.grid = grid;
        this.hu = hu;
    }

    public VoxelGrid grid() {
        return grid;
    }

    public int columns() {
        return grid.columns();
    }

    public int rows() {
        return grid.rows();
    }

    public int slices() {
        return grid.slices();
    }

    public Affine voxelToPatient() {
        return grid.voxelToPatient();
    }

    public Affine patientToVoxel() {
        return grid.patientToVoxel();
    }

    public double[] spacingMm() {
        return grid.spacingMm();
    }

    /** The HU samples, read-only by contract: index with {@link VoxelGrid#index(int, int, int)}. */
    public short[] huArray() {
        return hu;
    }

    public int huAt(int i, int j, int k) {
        return hu[grid.index(i, j, k)];
    }

    /** Trilinear interpolation at a continuous voxel index; {@link #AIR_HU} outside the grid. */
    public double sampleHuAtVoxel(double fi, double fj, double fk) {
        int nx = grid.columns();
        int ny = grid.rows();
        int nz = grid.slices();
        if (!(fi >= 0 && fj >= 0 && fk >= 0 && fi <= nx - 1 && fj <= ny - 1 && fk <= nz - 1)) {
            return AIR_HU;
        }
        int i0 = Math.min((int) fi, nx - 2 < 0 ? 0 : nx - 2);
        int j0 = Math.min((int) fj, ny - 2 < 0 ? 0 : ny - 2);
        int k0 = Math.min((int) fk, nz - 2 < 0 ? 0 : nz - 2);
        int i1 = Math.min(i0 + 1, nx - 1);
        int j1 = Math.min(j0 + 1, ny - 1);
        int k1 = Math.min(k0 + 1, nz - 1);
        double u = fi - i0;
        double v = fj - j0;
        double w = fk - k0;
        int sj = nx;
        int sk = nx * ny;
        int b00 = j0 * sj + k0 * sk;
        int b10 = j1 * sj + k0 * sk;
        int b01 = j0 * sj + k1 * sk;
        int b11 = j1 * sj + k1 * sk;
        double c00 = hu[b00 + i0] + u * (hu[b00 + i1] - hu[b00 + i0]);
        double c10 = hu[b10 + i0] + u * (hu[b10 + i1] - hu[b10 + i0]);
        double c01 = hu[b01 + i0] + u * (hu[b01 + i1] - hu[b01 + i0]);
        double c11 = hu[b11 + i0] + u * (hu[b11 + i1] - hu[b11 + i0]);
        double c0 = c00 + v * (c10 - c00);
        double c1 = c01 + v * (c11 - c01);
        return c0 + w * (c1 - c0);
    }

    /** Trilinear interpolation at a patient point (LPS mm); {@link #AIR_HU} outside the volume. */
    public double sampleHu(PatientPoint p) {
        PatientPoint v = patientToVoxel().apply(p);
        return sampleHuAtVoxel(v.x(), v.y(), v.z());
    }

    /** Smallest and largest HU in the volume. */
    public int[] huRange() {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (short s : hu) {
            if (s < min) {
                min = s;
            }
            if (s > max) {
                max = s;
            }
        }
        return new int[] {min, max};
    }

    /** The voxels inside the box [i0, i0+ni) x [j0, j0+nj) x [k0, k0+nk), keeping patient positions. */
    public CtVolume crop(int i0, int j0, int k0, int ni, int nj, int nk) {
        VoxelGrid g = grid.crop(i0, j0, k0, ni, nj, nk);
        short[] out = new short[g.voxelCount()];
        for (int k = 0; k < nk; k++) {
            for (int j = 0; j < nj; j++) {
                System.arraycopy(hu, grid.index(i0, j0 + j, k0 + k), out, g.index(0, j, k), ni);
            }
        }
        return new CtVolume(g, out);
    }

    /**
     * Resamples to the requested spacing (mm along column, row and slice axes) by trilinear
     * interpolation, keeping the axis directions and the first voxel's centre and covering the same extent.
     * Uses all cores.
     */
    public CtVolume resample(double spacingXMm, double spacingYMm, double spacingZMm) {
        double[] target = {spacingXMm, spacingYMm, spacingZMm};
        double[] old = grid.spacingMm();
        int[] n = new int[3];
        int[] oldN = {grid.columns(), grid.rows(), grid.slices()};
        for (int a = 0; a < 3; a++) {
            if (!(target[a] > 0) || !Double.isFinite(target[a])) {
                throw new IllegalArgumentException("resampling spacing must be a positive number of mm, was "
                        + target[a]);
            }
            n[a] = (int) Math.floor((oldN[a] - 1) * old[a] / target[a] + 1e-9) + 1;
        }
        Affine a0 = grid.voxelToPatient();
        PatientPoint[] axes = {a0.axis(0), a0.axis(1), a0.axis(2)};
        VoxelGrid g = new VoxelGrid(n[0], n[1], n[2], Affine.of(a0.translation(), axes, target));
        double[] scale = {target[0] / old[0], target[1] / old[1], target[2] / old[2]};
        short[] out = new short[g.voxelCount()];
        IntStream.range(0, n[2]).parallel().forEach(k -> {
            double fk = k * scale[2];
            for (int j = 0; j < n[1]; j++) {
                double fj = j * scale[1];
                int base = g.index(0, j, k);
                for (int i = 0; i < n[0]; i++) {
                    out[base + i] = (short) Math.round(sampleHuAtVoxel(i * scale[0], fj, fk));
                }
            }
        });
        return new CtVolume(g, out);
    }
}
