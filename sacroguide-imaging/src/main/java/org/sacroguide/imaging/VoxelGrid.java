package org.sacroguide.imaging;

/**
 * The sampling grid of a volume: its size in voxels (columns i, rows j, slices k) and the affine from
 * voxel index to DICOM patient coordinates (LPS, mm). Shared by CT volumes and label maps so both can be
 * compared voxel for voxel. Flat arrays on this grid use {@link #index(int, int, int)}: i fastest.
 */
public record VoxelGrid(int columns, int rows, int slices, Affine voxelToPatient) {

    /** Largest voxel count accepted (about 2^31 / 2, far beyond any CT: 2048 x 2048 x 256). */
    public static final long MAX_VOXELS = 1L << 30;

    public VoxelGrid {
        if (columns <= 0 || rows <= 0 || slices <= 0) {
            throw new IllegalArgumentException(
                    "volume dimensions must be positive, were " + columns + " x " + rows + " x " + slices);
        }
        if ((long) columns * rows * slices > MAX_VOXELS) {
            throw new IllegalArgumentException("volume of " + columns + " x " + rows + " x " + slices
                    + " voxels is larger than the " + MAX_VOXELS + " voxels SacroGuide accepts");
        }
        for (int a = 0; a < 3; a++) {
            if (!(voxelToPatient.spacingMm(a) > 0)) {
                throw new IllegalArgumentException("voxel spacing must be positive along every axis");
            }
        }
    }

    public int voxelCount() {
        return columns * rows * slices;
    }

    public int index(int i, int j, int k) {
        return i + columns * (j + rows * k);
    }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < columns && j < rows && k < slices;
    }

    /** Spacing along column, row and slice axes, mm. */
    public double[] spacingMm() {
        return new double[] {voxelToPatient.spacingMm(0), voxelToPatient.spacingMm(1), voxelToPatient.spacingMm(2)};
    }

    /** Volume of one voxel in mL. */
    public double voxelVolumeMl() {
        return Math.abs(voxelToPatient.determinant()) / 1000.0;
    }

    public PatientPoint voxelCentre(double i, double j, double k) {
        return voxelToPatient.apply(i, j, k);
    }

    public Affine patientToVoxel() {
        return voxelToPatient.inverse();
    }

    /** The grid centre in patient coordinates. */
    public PatientPoint centre() {
        return voxelToPatient.apply((columns - 1) / 2.0, (rows - 1) / 2.0, (slices - 1) / 2.0);
    }

    /** A sub-grid: voxels [i0, i0+ni) x [j0, j0+nj) x [k0, k0+nk) of this grid. */
    public VoxelGrid crop(int i0, int j0, int k0, int ni, int nj, int nk) {
        if (i0 < 0 || j0 < 0 || k0 < 0 || ni <= 0 || nj <= 0 || nk <= 0
                || i0 + ni > columns || j0 + nj > rows || k0 + nk > slices) {
            throw new IllegalArgumentException(String.format(
                    "crop box [%d+%d, %d+%d, %d+%d] lies outside the %d x %d x %d volume",
                    i0, ni, j0, nj, k0, nk, columns, rows, slices));
        }
        PatientPoint origin = voxelToPatient.apply(i0, j0, k0);
        double[] r = voxelToPatient.toRowMajor();
        r[3] = origin.x();
        r[7] = origin.y();
        r[11] = origin.z();
        return new VoxelGrid(ni, nj, nk, Affine.ofRowMajor(r));
    }

    /** True when both grids have the same size and their affines agree within {@code toleranceMm}. */
    public boolean sameGridAs(VoxelGrid o, double toleranceMm) {
        return columns == o.columns && rows == o.rows && slices == o.slices
                && voxelToPatient.approximatelyEquals(o.voxelToPatient, toleranceMm);
    }
}
