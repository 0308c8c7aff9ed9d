package org.sacroguide.anatomy.segment;

import java.util.stream.IntStream;

/**
 * Binary morphology on flat boolean masks of a {@link Grid3}: exact Euclidean distance transform (in mm,
 * anisotropic spacing, Felzenszwalb-Huttenlocher lower envelopes, parallel over lines), dilation, erosion
 * and closing by a ball of a radius in mm, 3-D and per-slice 2-D hole filling, and 6-connected components.
 * Voxels outside the box count as background.
 */
public final class Morphology {

    private static final float INF = 1e20f;

    private Morphology() {
    }

    /** Squared distance in mm^2 from each voxel to the nearest true voxel of {@code feature}. */
    public static float[] squaredDistanceMm2(boolean[] feature, Grid3 g) {
        float[] d = new float[g.size()];
        for (int n = 0; n < d.length; n++) {
            d[n] = feature[n] ? 0 : INF;
        }
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        // along x
        IntStream.range(0, ny * nz).parallel().forEach(line -> {
            float[] f = new float[nx];
            float[] out = new float[nx];
            int[] v = new int[nx];
            float[] z = new float[nx + 1];
            int base = line * nx;
            for (int i = 0; i < nx; i++) {
                f[i] = d[base + i];
            }
            envelope(f, nx, g.sx(), out, v, z);
            for (int i = 0; i < nx; i++) {
                d[base + i] = out[i];
            }
        });
        IntStream.range(0, nx * nz).parallel().forEach(line -> {
            int i = line % nx;
            int k = line / nx;
            float[] f = new float[ny];
            float[] out = new float[ny];
            int[] v = new int[ny];
            float[] z = new float[ny + 1];
            for (int j = 0; j < ny; j++) {
                f[j] = d[g.index(i, j, k)];
            }
            envelope(f, ny, g.sy(), out, v, z);
            for (int j = 0; j < ny; j++) {
                d[g.index(i, j, k)] = out[j];
            }
        });
        IntStream.range(0, nx * ny).parallel().forEach(line -> {
            float[] f = new float[nz];
            float[] out = new float[nz];
            int[] v = new int[nz];
            float[] z = new float[nz + 1];
            int stride = nx * ny;
            for (int k = 0; k < nz; k++) {
                f[k] = d[line + k * stride];
            }
            envelope(f, nz, g.sz(), out, v, z);
            for (int k = 0; k < nz; k++) {
                d[line + k * stride] = out[k];
            }
        });
        return d;
    }

    private static void envelope(float[] f, int n, double spacing, float[] out, int[] v, float[] z) {
        double s2 = spacing * spacing;
        int k = 0;
        v[0] = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] >= INF) {
                continue;
            }
            if (v[0] < 0) {
                v[0] = q;
                z[0] = -INF;
                z[1] = INF;
                k = 0;
                continue;
            }
            double s;
            while (true) {
                int p = v[k];
                s = ((f[q] + s2 * q * q) - (f[p] + s2 * p * p)) / (2 * s2 * (q - p));
                if (s <= z[k] && k > 0) {
                    k--;
                } else {
                    break;
                }
            }
            if (s <= z[k]) {
                v[k] = q;
                z[k] = -INF;
                z[k + 1] = INF;
                continue;
            }
            k++;
            v[k] = q;
            z[k] = (float) s;
            z[k + 1] = INF;
        }
        if (v[0] < 0) {
            for (int q = 0; q < n; q++) {
                out[q] = INF;
            }
            return;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            int p = v[k];
            out[q] = (float) (s2 * (q - p) * (q - p) + f[p]);
        }
    }

    public static boolean[] dilate(boolean[] m, Grid3 g, double radiusMm) {
        float[] d = squaredDistanceMm2(m, g);
        double r2 = radiusMm * radiusMm + 1e-6;
        boolean[] out = new boolean[m.length];
        for (int n = 0; n < m.length; n++) {
            out[n] = d[n] <= r2;
        }
        return out;
    }

    public static boolean[] erode(boolean[] m, Grid3 g, double radiusMm) {
        boolean[] inv = new boolean[m.length];
        for (int n = 0; n < m.length; n++) {
            inv[n] = !m[n];
        }
        float[] d = squaredDistanceMm2(inv, g);
        double r2 = radiusMm * radiusMm + 1e-6;
        boolean[] out = new boolean[m.length];
        for (int n = 0; n < m.length; n++) {
            out[n] = m[n] && d[n] > r2;
        }
        return out;
    }

    /** Closing: dilation then erosion by a ball; never removes a voxel of {@code m}. */
    public static boolean[] close(boolean[] m, Grid3 g, double radiusMm) {
        boolean[] c = erode(dilate(m, g, radiusMm), g, radiusMm);
        for (int n = 0; n < m.length; n++) {
            c[n] |= m[n];
        }
        return c;
    }

    /** Sets every background voxel not 6-connected to the box's faces through background. */
    public static boolean[] fillHoles3d(boolean[] m, Grid3 g) {
        boolean[] outside = new boolean[m.length];
        int[] queue = new int[m.length];
        int head = 0;
        int tail = 0;
        for (int n = 0; n < m.length; n++) {
            if (!m[n] && g.onBorder(n)) {
                outside[n] = true;
                queue[tail++] = n;
            }
        }
        int nx = g.nx();
        int nxy = g.nx() * g.ny();
        while (head < tail) {
            int n = queue[head++];
            int i = g.i(n);
            int j = g.j(n);
            int k = g.k(n);
            if (i > 0) {
                tail = visit(m, outside, queue, tail, n - 1);
            }
            if (i < g.nx() - 1) {
                tail = visit(m, outside, queue, tail, n + 1);
            }
            if (j > 0) {
                tail = visit(m, outside, queue, tail, n - nx);
            }
            if (j < g.ny() - 1) {
                tail = visit(m, outside, queue, tail, n + nx);
            }
            if (k > 0) {
                tail = visit(m, outside, queue, tail, n - nxy);
            }
            if (k < g.nz() - 1) {
                tail = visit(m, outside, queue, tail, n + nxy);
            }
        }
        boolean[] out = new boolean[m.length];
        for (int n = 0; n < m.length; n++) {
            out[n] = !outside[n];
        }
        return out;
    }

    private static int visit(boolean[] m, boolean[] seen, int[] queue, int tail, int q) {
        if (!m[q] && !seen[q]) {
            seen[q] = true;
            queue[tail++] = q;
        }
        return tail;
    }

    /**
     * Per-slice 2-D hole filling (4-connected background) in the planes normal to {@code axis} (0 = x,
     * 1 = y, 2 = z).
     */
    public static boolean[] fillHoles2d(boolean[] m, Grid3 g, int axis) {
        boolean[] out = m.clone();
        int[] dims = {g.nx(), g.ny(), g.nz()};
        int ua = axis == 0 ? 1 : 0;
        int va = axis == 2 ? 1 : 2;
        int nu = dims[ua];
        int nv = dims[va];
        IntStream.range(0, dims[axis]).parallel().forEach(s -> {
            boolean[] seen = new boolean[nu * nv];
            int[] queue = new int[nu * nv];
            int tail = 0;
            int[] ijk = new int[3];
            ijk[axis] = s;
            int[] idx = new int[nu * nv];
            for (int v = 0; v < nv; v++) {
                for (int u = 0; u < nu; u++) {
                    ijk[ua] = u;
                    ijk[va] = v;
                    idx[u + nu * v] = g.index(ijk[0], ijk[1], ijk[2]);
                }
            }
            for (int v = 0; v < nv; v++) {
                for (int u = 0; u < nu; u++) {
                    if ((u == 0 || v == 0 || u == nu - 1 || v == nv - 1) && !m[idx[u + nu * v]]) {
                        seen[u + nu * v] = true;
                        queue[tail++] = u + nu * v;
                    }
                }
            }
            int head = 0;
            while (head < tail) {
                int p = queue[head++];
                int u = p % nu;
                int v = p / nu;
                int[] nb = {u > 0 ? p - 1 : -1, u < nu - 1 ? p + 1 : -1, v > 0 ? p - nu : -1, v < nv - 1 ? p + nu : -1};
                for (int q : nb) {
                    if (q >= 0 && !seen[q] && !m[idx[q]]) {
                        seen[q] = true;
                        queue[tail++] = q;
                    }
                }
            }
            for (int p = 0; p < nu * nv; p++) {
                if (!seen[p]) {
                    out[idx[p]] = true;
                }
            }
        });
        return out;
    }

    /** 6-connected components: component number per voxel (0 = background), sizes in {@code sizesOut}. */
    public static int[] components(boolean[] m, Grid3 g, java.util.List<Integer> sizesOut) {
        int[] lab = new int[m.length];
        int[] queue = new int[m.length];
        int next = 0;
        sizesOut.clear();
        sizesOut.add(0);
        int[] nb = new int[6];
        for (int s = 0; s < m.length; s++) {
            if (!m[s] || lab[s] != 0) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            lab[s] = next;
            while (head < tail) {
                int n = queue[head++];
                g.neighbours6(n, nb);
                for (int q : nb) {
                    if (q >= 0 && m[q] && lab[q] == 0) {
                        lab[q] = next;
                        queue[tail++] = q;
                    }
                }
            }
            sizesOut.add(tail);
        }
        return lab;
    }

    /** The largest 6-connected component (empty mask if none). */
    public static boolean[] largestComponent(boolean[] m, Grid3 g) {
        java.util.List<Integer> sizes = new java.util.ArrayList<>();
        int[] lab = components(m, g, sizes);
        int best = 0;
        for (int c = 1; c < sizes.size(); c++) {
            if (best == 0 || sizes.get(c) > sizes.get(best)) {
                best = c;
            }
        }
        boolean[] out = new boolean[m.length];
        if (best == 0) {
            return out;
        }
        for (int n = 0; n < m.length; n++) {
            out[n] = lab[n] == best;
        }
        return out;
    }
}
