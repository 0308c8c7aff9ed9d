package org.sacroguide.anatomy.segment;

/**
 * Index arithmetic for flat arrays on a box of nx x ny x nz voxels (i fastest, as {@code VoxelGrid}) with
 * the voxel spacing in mm along each axis. The one place where flat indices are taken apart; the hot loops
 * of the segmentation use it and nothing else.
 */
public record Grid3(int nx, int ny, int nz, double sx, double sy, double sz) {

    public Grid3 {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("grid dimensions must be positive");
        }
    }

    public int size() {
        return nx * ny * nz;
    }

    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    public int i(int n) {
        return n % nx;
    }

    public int j(int n) {
        return (n / nx) % ny;
    }

    public int k(int n) {
        return n / (nx * ny);
    }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }

    /** True when the voxel lies on a face of the box. */
    public boolean onBorder(int n) {
        int i = i(n);
        int j = j(n);
        int k = k(n);
        return i == 0 || j == 0 || k == 0 || i == nx - 1 || j == ny - 1 || k == nz - 1;
    }

    public double voxelVolumeMm3() {
        return sx * sy * sz;
    }

    public double maxSpacingMm() {
        return Math.max(sx, Math.max(sy, sz));
    }

    public double minSpacingMm() {
        return Math.min(sx, Math.min(sy, sz));
    }
}
