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

    /**
     * Writes the indices of the six face neighbours of voxel {@code n} into {@code out} (x-, x+, y-, y+,
     * z-, z+), -1 where the neighbour would lie outside the grid.
     */
    public void neighbours6(int n, int[] out) {
        int i = i(n);
        int j = j(n);
        int k = k(n);
        int nxy = nx * ny;
        out[0] = i > 0 ? n - 1 : -1;
        out[1] = i < nx - 1 ? n + 1 : -1;
        out[2] = j > 0 ? n - nx : -1;
        out[3] = j < ny - 1 ? n + nx : -1;
        out[4] = k > 0 ? n - nxy : -1;
        out[5] = k < nz - 1 ? n + nxy : -1;
    }

    /** Number of voxels along {@code axis} (0 = i, 1 = j, 2 = k). */
    public int extent(int axis) {
        return axis == 0 ? nx : axis == 1 ? ny : nz;
    }

    /** Voxel spacing (mm) along {@code axis}. */
    public double spacingMm(int axis) {
        return axis == 0 ? sx : axis == 1 ? sy : sz;
    }

    /** Index step between neighbouring voxels along {@code axis}. */
    public int stride(int axis) {
        return axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
    }

    /** The index of voxel {@code n} along {@code axis}: i, j or k. */
    public int coordinate(int n, int axis) {
        return axis == 0 ? i(n) : axis == 1 ? j(n) : k(n);
    }

    /**
     * Which of the {@code size() / extent(axis)} lines of voxels along {@code axis} holds voxel {@code n}
     * (its two other indices, the first fastest).
     */
    public int lineAlong(int n, int axis) {
        return axis == 0 ? j(n) + ny * k(n) : axis == 1 ? i(n) + nx * k(n) : i(n) + nx * j(n);
    }

    /** Length (mm) of one step to the neighbour at voxel offset {@code d} = (di, dj, dk). */
    public double stepMm(int[] d) {
        return Math.sqrt(Math.pow(d[0] * sx, 2) + Math.pow(d[1] * sy, 2) + Math.pow(d[2] * sz, 2));
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
