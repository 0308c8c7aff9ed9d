package org.sacroguide.planning.trajectory;

import java.util.stream.IntStream;

/**
 * Exact Euclidean distance transform on a 3-D voxel grid with anisotropic spacing (Felzenszwalb and
 * Huttenlocher, "Distance transforms of sampled functions", Theory of Computing 2012): for every voxel,
 * the distance in mm from its centre to the nearest feature voxel centre. Three separable passes of the
 * lower envelope of parabolas, one per axis, each weighted by that axis' squared spacing. Works on flat
 * arrays indexed i fastest ({@code i + nx * (j + ny * k)}); lines are processed in parallel. Voxels with no
 * feature anywhere get {@link Float#POSITIVE_INFINITY}.
 */
public final class DistanceTransform {

    private static final double INF = 1e20;

    private DistanceTransform() {
    }

    /** Distances in mm from each voxel to the nearest voxel with {@code feature[n] == true}. */
    public static float[] distanceMm(boolean[] feature, int nx, int ny, int nz, double sxMm, double syMm, double szMm) {
        int n = nx * ny * nz;
        if (feature.length != n) {
            throw new IllegalArgumentException("feature mask holds " + feature.length + " voxels, grid has " + n);
        }
        double[] f = new double[n];
        for (int v = 0; v < n; v++) {
            f[v] = feature[v] ? 0 : INF;
        }
        // pass along i (contiguous lines)
        pass(f, nx, ny * nz, 1, sxMm * sxMm, (line) -> line * nx);
        // pass along j: lines indexed by (i, k)
        pass(f, ny, nx * nz, nx, syMm * syMm, (line) -> (line % nx) + (line / nx) * nx * ny);
        // pass along k: lines indexed by (i, j)
        pass(f, nz, nx * ny, nx * ny, szMm * szMm, (line) -> line);
        float[] out = new float[n];
        for (int v = 0; v < n; v++) {
            out[v] = f[v] >= INF / 2 ? Float.POSITIVE_INFINITY : (float) Math.sqrt(f[v]);
        }
        return out;
    }

    private interface LineStart {
        int of(int line);
    }

    private static void pass(double[] f, int len, int lines, int stride, double w, LineStart start) {
        int chunks = Math.max(1, Math.min(lines, Runtime.getRuntime().availableProcessors() * 4));
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] line = new double[len];
            double[] d = new double[len];
            int[] v = new int[len];
            double[] z = new double[len + 1];
            int from = (int) ((long) lines * c / chunks);
            int to = (int) ((long) lines * (c + 1) / chunks);
            for (int l = from; l < to; l++) {
                int s = start.of(l);
                boolean any = false;
                for (int q = 0; q < len; q++) {
                    line[q] = f[s + q * stride];
                    any |= line[q] < INF / 2;
                }
                if (!any) {
                    continue;
                }
                envelope(line, len, w, d, v, z);
                for (int q = 0; q < len; q++) {
                    f[s + q * stride] = d[q];
                }
            }
        });
    }

    /** 1-D squared distance transform of the finite samples of f (spacing^2 = w) into d; f has a finite sample. */
    static void envelope(double[] f, int n, double w, double[] d, int[] v, double[] z) {
        int first = 0;
        while (f[first] >= INF / 2) {
            first++;
        }
        int k = 0;
        v[0] = first;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = first + 1; q < n; q++) {
            if (f[q] >= INF / 2) {
                continue;
            }
            double s;
            while (true) {
                int p = v[k];
                s = ((f[q] + w * q * (double) q) - (f[p] + w * p * (double) p)) / (2 * w * (q - p));
                if (s <= z[k]) {
                    k--; // z[0] is -infinity, so k never drops below 0
                } else {
                    break;
                }
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            d[q] = w * dq * dq + f[v[k]];
        }
    }
}
