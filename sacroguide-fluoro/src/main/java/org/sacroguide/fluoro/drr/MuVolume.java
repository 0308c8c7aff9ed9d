package org.sacroguide.fluoro.drr;

import java.util.stream.IntStream;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Linear attenuation on a CT's voxel grid, ready for projection: one 16-bit code per voxel with
 * {@code mu (per mm) = code * muPerCode}, in the CT's layout (column i fastest) and, built on first use for
 * views whose rays run along the column axis, a second copy with row j fastest and column i slowest, so that
 * every slice the renderer reads is contiguous. About 2 bytes per voxel per layout. Thread-safe.
 */
public final class MuVolume {

    private final VoxelGrid grid;
    private final short[] codesIFastest;
    private final double muPerCode;
    private volatile short[] codesJFastestISlowest;
    private final java.util.concurrent.ConcurrentHashMap<Integer, short[]> slabs = new java.util.concurrent.ConcurrentHashMap<>();

    /** Wraps codes on a grid without copying (i fastest, {@link VoxelGrid#index}). */
    public MuVolume(VoxelGrid grid, short[] codes, double muPerCode) {
        if (codes.length != grid.voxelCount()) {
            throw new IllegalArgumentException("code array does not match the grid");
        }
        this.grid = grid;
        this.codesIFastest = codes;
        this.muPerCode = muPerCode;
    }

    /** Converts a CT with a model, using all cores. */
    public static MuVolume of(CtVolume ct, AttenuationModel model) {
        short[] hu = ct.huArray();
        short[] lut = new short[65536];
        for (int h = Short.MIN_VALUE; h <= Short.MAX_VALUE; h++) {
            lut[h & 0xffff] = model.code(h);
        }
        short[] codes = new short[hu.length];
        int chunk = 1 << 16;
        IntStream.range(0, (hu.length + chunk - 1) / chunk).parallel().forEach(c -> {
            int end = Math.min(hu.length, (c + 1) * chunk);
            for (int n = c * chunk; n < end; n++) {
                codes[n] = lut[hu[n] & 0xffff];
            }
        });
        return new MuVolume(ct.grid(), codes, model.muPerCode());
    }

    public VoxelGrid grid() {
        return grid;
    }

    public double muPerCode() {
        return muPerCode;
    }

    /** Codes in the CT's layout, read-only by contract. */
    public short[] codes() {
        return codesIFastest;
    }

    /** Attenuation per mm at voxel (i, j, k). */
    public double muAt(int i, int j, int k) {
        return codesIFastest[grid.index(i, j, k)] * muPerCode;
    }

    /** Codes with index {@code j + rows * (k + slices * i)}, built on first call with all cores. */
    public short[] codesJFastestISlowest() {
        short[] t = codesJFastestISlowest;
        if (t == null) {
            synchronized (this) {
                t = codesJFastestISlowest;
                if (t == null) {
                    t = transpose();
                    codesJFastestISlowest = t;
                }
            }
        }
        return t;
    }

    /**
     * Slabs of {@code factor} adjacent slices along {@code axis}, each value the mean code of its slices
     * (rounded; a missing last slice counts as 0), in the layout {@link SliceLayout#of(int, int, int, int, int)}
     * describes; built on first call with all cores and kept. The mean never overflows 16 bits; rounding costs at
     * most half a code.
     */
    short[] slabCodes(int axis, int factor) {
        if (factor == 1) {
            return axis == 0 ? codesJFastestISlowest() : codesIFastest;
        }
        return slabs.computeIfAbsent(axis * 16 + factor, key -> buildSlabs(axis, factor));
    }

    private short[] buildSlabs(int axis, int factor) {
        int nx = grid.columns();
        int ny = grid.rows();
        int nz = grid.slices();
        SliceLayout full = SliceLayout.of(axis, nx, ny, nz, 1);
        SliceLayout slab = SliceLayout.of(axis, nx, ny, nz, factor);
        short[] src = axis == 0 ? codesJFastestISlowest() : codesIFastest;
        short[] out = new short[slab.slices() * slab.fastSize() * slab.slowSize()];
        int fs = full.fastSize();
        IntStream.range(0, slab.slices()).parallel().forEach(m -> {
            int[] sum = new int[fs];
            for (int r = 0; r < full.slowSize(); r++) {
                java.util.Arrays.fill(sum, 0);
                for (int q = m * factor; q < Math.min(full.slices(), (m + 1) * factor); q++) {
                    int off = full.rowOffset(q, r);
                    for (int x = 0; x < fs; x++) {
                        sum[x] += src[off + x];
                    }
                }
                int o = slab.rowOffset(m, r);
                for (int x = 0; x < fs; x++) {
                    out[o + x] = (short) Math.round((double) sum[x] / factor);
                }
            }
        });
        return out;
    }

    private short[] transpose() {
        int nx = grid.columns();
        int ny = grid.rows();
        int nz = grid.slices();
        short[] out = new short[codesIFastest.length];
        IntStream.range(0, nz).parallel().forEach(k -> {
            for (int j0 = 0; j0 < ny; j0 += 32) {
                int j1 = Math.min(ny, j0 + 32);
                for (int i = 0; i < nx; i++) {
                    int o = ny * (k + nz * i);
                    for (int j = j0; j < j1; j++) {
                        out[o + j] = codesIFastest[i + nx * (j + ny * k)];
                    }
                }
            }
        });
        return out;
    }
}
