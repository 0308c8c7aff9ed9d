package org.sacroguide.anatomy.segment;

import java.util.Arrays;

/**
 * Where a mask is most nearly mirror-symmetric along its voxel rows: for mirror positions on a half-voxel
 * grid (given as the sum s = i + i' of a voxel's column and its mirror's), the count of mask voxels whose
 * mirror is in the mask too, summed over the given rows; the best position is refined by a parabola
 * through its neighbours. Used for the mid-line, which a centre of mass or of an extent misplaces when one
 * side holds more bone (femora, a rotated pelvis, an ala lost to the ilium). Also fits mirror lines
 * through such centres, and blends a per-voxel value with its mirror image, a symmetry prior for what one
 * side of a scan shows faintly.
 */
final class MirrorSymmetry {

    private MirrorSymmetry() {
    }

    /** How far (mm) either side of a first guess (a centre of mass or of an extent) the mid-line is searched. */
    static final double MIDLINE_SEARCH_MM = 25;

    /**
     * Whether a grid's voxel rows run left-right, so that mirroring a row mirrors the patient: the patient x
     * of neighbouring columns differs by nearly the column spacing ({@code columnStepXMm}, signed).
     */
    static boolean rowsRunLeftRight(double columnStepXMm, double columnSpacingMm) {
        return Math.abs(columnStepXMm) >= 0.9 * columnSpacingMm;
    }

    /**
     * The x (mm) of the mirror that pairs the most mask voxels of the given rows, searched within
     * {@code searchMm} of {@code guessX}, where column i of a row lies at x0 + i * step; {@code guessX}
     * when no voxel has a mirror in the mask.
     */
    static double centreX(boolean[] mask, int[] rowStarts, int nx, double x0, double step, double guessX,
                          double searchMm) {
        double iGuess = (guessX - x0) / step;
        int reach = (int) Math.ceil(searchMm / Math.abs(step));
        int sLo = (int) Math.floor(2 * iGuess) - 2 * reach;
        int sHi = (int) Math.ceil(2 * iGuess) + 2 * reach;
        double sum = bestIndexSum(mask, rowStarts, nx, sLo, sHi);
        return Double.isNaN(sum) ? guessX : x0 + step * sum / 2.0;
    }

    /**
     * The refined index sum in [sLo, sHi] that pairs the most mask voxels of the rows starting at
     * {@code rowStarts} (each {@code nx} long), or NaN when no voxel has a mirror in the mask.
     */
    static double bestIndexSum(boolean[] mask, int[] rowStarts, int nx, int sLo, int sHi) {
        long[] score = new long[sHi - sLo + 1];
        for (int row : rowStarts) {
            for (int sum = sLo; sum <= sHi; sum++) {
                long c = 0;
                for (int i = Math.max(0, sum - nx + 1); i <= Math.min(nx - 1, sum); i++) {
                    if (mask[row + i] && mask[row + sum - i]) {
                        c++;
                    }
                }
                score[sum - sLo] += c;
            }
        }
        int best = 0;
        for (int t = 1; t < score.length; t++) {
            if (score[t] > score[best]) {
                best = t;
            }
        }
        if (score[best] == 0) {
            return Double.NaN;
        }
        double offset = 0;
        if (best > 0 && best < score.length - 1) {
            double a = score[best - 1];
            double b = score[best];
            double c = score[best + 1];
            double den = a - 2 * b + c;
            offset = den != 0 ? 0.5 * (a - c) / den : 0;
        }
        return best + sLo + offset;
    }

    /**
     * Each voxel's value blended with its mirror image across the plane at column {@code centreIByRow[j]} of
     * its row j (a fraction: the mirror of column i is 2 c - i, read by linear interpolation between its two
     * neighbouring columns): (1 - weight) x own + weight x mirror. A centre that changes with the row
     * follows a pelvis turned about the body's long axis. Voxels whose mirror falls outside the grid keep
     * their own value. Rows must run left-right.
     */
    static int[] blendWithMirror(int[] values, Grid3 g, double[] centreIByRow, double weight) {
        int[] out = values.clone();
        int nx = g.nx();
        int ny = g.ny();
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double mirror = 2 * centreIByRow[j] - i;
                int i0 = (int) Math.floor(mirror);
                if (i0 < 0 || i0 + 1 >= nx) {
                    continue;
                }
                double f = mirror - i0;
                for (int row = j * nx; row < values.length; row += nx * ny) {
                    double mv = (1 - f) * values[row + i0] + f * values[row + i0 + 1];
                    out[row + i] = (int) Math.round((1 - weight) * values[row + i] + weight * mv);
                }
            }
        }
        return out;
    }

    /**
     * The mirror's column as a straight line over the rows, c(j) = c0 + c1 j: the best mirror of the mask
     * in bands of rows about {@code bandRows} high, searched within {@code searchCols} of {@code guessI},
     * fitted by least squares weighted by each band's mask voxels, over every {@code step}-th slice and
     * every {@code step}-th row.
     * Every row gets {@code guessI} when fewer than two bands hold mask.
     */
    static double[] centreByRow(boolean[] mask, Grid3 g, double guessI, int bandRows, double searchCols,
                                int step) {
        int nx = g.nx();
        int ny = g.ny();
        int maxBands = (ny + bandRows - 1) / bandRows;
        double[] bandRow = new double[maxBands];
        double[] bandCentre = new double[maxBands];
        double[] bandWeight = new double[maxBands];
        int bands = 0;
        for (int b0 = 0; b0 < ny; b0 += bandRows) {
            int b1 = Math.min(ny, b0 + bandRows);
            int[] rows = new int[((b1 - b0 + step - 1) / step) * ((g.nz() + step - 1) / step)];
            int r = 0;
            long count = 0;
            for (int k = 0; k < g.nz(); k += step) {
                for (int j = b0; j < b1; j += step) {
                    int start = g.index(0, j, k);
                    rows[r++] = start;
                    for (int i = 0; i < nx; i++) {
                        count += mask[start + i] ? 1 : 0;
                    }
                }
            }
            if (count == 0) {
                continue;
            }
            bandRow[bands] = (b0 + b1 - 1) / 2.0;
            bandCentre[bands] = centreX(mask, rows, nx, 0, 1, guessI, searchCols);
            bandWeight[bands] = count;
            bands++;
        }
        double[] out = new double[ny];
        if (bands < 2) {
            Arrays.fill(out, guessI);
            return out;
        }
        double[] line = weightedLine(bandRow, bandCentre, bandWeight, bands, Double.POSITIVE_INFINITY);
        for (int j = 0; j < ny; j++) {
            out[j] = line[0] + line[1] * j;
        }
        return out;
    }

    /**
     * The weighted least-squares line v = c0 + c1 t through the first {@code count} points, as {c0, c1},
     * its slope held within +/- {@code maxSlope} (c0 fitted for the held slope); {weighted mean of v, 0} when
     * the t do not spread; null when the weights sum to 0.
     */
    static double[] weightedLine(double[] t, double[] v, double[] w, int count, double maxSlope) {
        double sw = 0;
        double st = 0;
        double sv = 0;
        double stt = 0;
        double stv = 0;
        for (int q = 0; q < count; q++) {
            sw += w[q];
            st += w[q] * t[q];
            sv += w[q] * v[q];
            stt += w[q] * t[q] * t[q];
            stv += w[q] * t[q] * v[q];
        }
        if (sw == 0) {
            return null;
        }
        double det = sw * stt - st * st;
        if (Math.abs(det) < 1e-6) {
            return new double[] {sv / sw, 0};
        }
        double c1 = Math.max(-maxSlope, Math.min(maxSlope, (sw * stv - st * sv) / det));
        return new double[] {(sv - c1 * st) / sw, c1};
    }
}
