package org.sacroguide.fluoro.drr;

/**
 * The index arithmetic of the slice-stack renderer in one place: for a chosen slice axis (0 = column i,
 * 1 = row j, 2 = slice k of the CT grid) it names the in-slice fast axis (contiguous in memory) and slow
 * axis, their sizes, and the offset of the first element of row {@code r} of slice {@code n} in the code
 * array the layout reads ({@link MuVolume#codes()} for slice axes j and k, {@link
 * MuVolume#codesJFastestISlowest()} for slice axis i).
 */
record SliceLayout(int sliceAxis, int fastAxis, int slowAxis, int slices, int fastSize, int slowSize,
                   int sliceStride, int rowStride, int slabFactor) {

    /**
     * The layout of slabs of {@code slabFactor} CT slices summed along {@code sliceAxis} (1 = single slices):
     * slab m holds CT slices [m f, m f + f - 1] and its centre lies at CT slice index m f + (f - 1) / 2.
     */
    static SliceLayout of(int sliceAxis, int nx, int ny, int nz, int slabFactor) {
        if (slabFactor < 1) {
            throw new IllegalArgumentException("slab factor must be >= 1, was " + slabFactor);
        }
        int f = slabFactor;
        return switch (sliceAxis) {
            case 0 -> { int s = (nx + f - 1) / f; yield new SliceLayout(0, 1, 2, s, ny, nz, ny * nz, ny, f); }
            case 1 -> { int s = (ny + f - 1) / f; yield new SliceLayout(1, 0, 2, s, nx, nz, nx, nx * s, f); }
            case 2 -> { int s = (nz + f - 1) / f; yield new SliceLayout(2, 0, 1, s, nx, ny, nx * ny, nx, f); }
            default -> throw new IllegalArgumentException("slice axis must be 0, 1 or 2, was " + sliceAxis);
        };
    }

    /** Position of slab {@code m}'s centre in CT slice-index units along the slice axis. */
    double centre(int m) {
        return m * slabFactor + (slabFactor - 1) / 2.0;
    }

    /** Offset of element 0 of row {@code row} (along the slow axis) of slice {@code slice}. */
    int rowOffset(int slice, int row) {
        return slice * sliceStride + row * rowStride;
    }

    /** The codes this layout indexes. */
    short[] codes(MuVolume v) {
        return v.slabCodes(sliceAxis, slabFactor);
    }
}
