package org.sacroguide.anatomy.segment;

import java.util.stream.IntStream;

/**
 * Grey-value morphology with a box (separable running minimum and maximum along each axis, van Herk /
 * Gil-Werman, a few operations per voxel whatever the box size): erosion, dilation and opening. The white
 * top-hat (image minus its opening) keeps bright structures thinner than the box, such as cortical bone,
 * and drops wide plateaus such as marrow, whatever their absolute grey value.
 */
public final class GreyMorphology {

    private GreyMorphology() {
    }

    /** Opening by a box of half-width {@code radiusMm} (at least one voxel) along each axis. */
    public static short[] open(short[] v, Grid3 g, double radiusMm) {
        int[] r = radii(g, radiusMm);
        return filter(filter(v, g, r, false), g, r, true);
    }

    static int[] radii(Grid3 g, double radiusMm) {
        return new int[] {Math.max(1, (int) Math.round(radiusMm / g.sx())),
            Math.max(1, (int) Math.round(radiusMm / g.sy())), Math.max(1, (int) Math.round(radiusMm / g.sz()))};
    }

    /** Box minimum (max = false) or maximum (max = true), separable over x, y, z; edges use the voxels inside. */
    static short[] filter(short[] v, Grid3 g, int[] r, boolean max) {
        short[] a = v.clone();
        short[] b = new short[v.length];
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] stride = {1, g.nx(), g.nx() * g.ny()};
        for (int axis = 0; axis < 3; axis++) {
            int len = n[axis];
            int st = stride[axis];
            int rad = r[axis];
            int o1 = (axis + 1) % 3;
            int o2 = (axis + 2) % 3;
            short[] src = a;
            short[] dst = b;
            int lines = n[o1] * n[o2];
            IntStream.range(0, lines).parallel().forEach(line -> {
                int u = line % n[o1];
                int w = line / n[o1];
                int base = u * stride[o1] + w * stride[o2];
                int width = 2 * rad + 1;
                int padded = len + 2 * rad;
                int blocks = (padded + width - 1) / width;
                int total = blocks * width;
                short[] x = new short[total];
                short[] fwd = new short[total];
                short[] bwd = new short[total];
                short pad = max ? Short.MIN_VALUE : Short.MAX_VALUE;
                for (int t = 0; t < total; t++) {
                    int s = t - rad;
                    x[t] = s >= 0 && s < len ? src[base + s * st] : pad;
                }
                for (int t = 0; t < total; t++) {
                    fwd[t] = t % width == 0 ? x[t] : pick(fwd[t - 1], x[t], max);
                }
                for (int t = total - 1; t >= 0; t--) {
                    bwd[t] = t % width == width - 1 || t == total - 1 ? x[t] : pick(bwd[t + 1], x[t], max);
                }
                for (int s = 0; s < len; s++) {
                    // window [s, s + 2 rad] in padded coordinates
                    int lo = s;
                    int hi = s + 2 * rad;
                    dst[base + s * st] = pick(bwd[lo], fwd[hi], max);
                }
            });
            a = dst;
            b = src;
        }
        return a;
    }

    private static short pick(short p, short q, boolean max) {
        return max ? (p > q ? p : q) : (p < q ? p : q);
    }
}
