package org.sacroguide.fluoro.drr;

import java.util.stream.IntStream;
import org.sacroguide.fluoro.FluoroInputException;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Renders digitally reconstructed radiographs: the line integral of attenuation from the source to every
 * detector pixel, using all cores. Two ray casters: {@link RayCaster#EXACT} follows each ray voxel by voxel
 * (Siddon / Amanatides-Woo; voxels are constant boxes, as in plastimatch's "exact") and is the accuracy
 * reference; {@link RayCaster#SLICE_STACK} (default, fast) factorises the projection like shear-warp: the CT
 * slices perpendicular to the axis most parallel to the rays (averaged in slabs of up to four, see
 * {@link MuVolume}) are resampled (bilinear) onto an intermediate image in the middle slice's plane and summed,
 * and that image is warped once onto the detector, weighted by the ray length per slice. Views with the
 * source inside the CT are refused.
 */
public final class DrrRenderer {

    /** How rays are integrated. */
    public enum RayCaster { EXACT, SLICE_STACK }

    /** Step of the intermediate image, in voxels of the CT's in-slice axes. */
    static final double INTERMEDIATE_STEP_VOXELS = 1.0;
    /** Largest number of CT slices summed into one slab before resampling. */
    static final int MAX_SLAB = 4;
    /**
     * Slabs are thickened while a ray's sideways drift across one slab stays below this many voxels: the error
     * of summing a slab at its centre grows with the square of that drift (it cancels to first order). On the
     * bundled CT at 0.8 mm, 4-slice slabs keep NCC >= 0.99998 against the exact caster at gantry angles up to
     * 45 degrees off the slice axis (see the module README).
     */
    static final double MAX_SLAB_DRIFT_VOXELS = 5;

    private DrrRenderer() {
    }

    /** The default (slice-stack) rendering. */
    public static Radiograph render(MuVolume vol, DrrGeometry g) throws FluoroInputException {
        return render(vol, g, RayCaster.SLICE_STACK);
    }

    public static Radiograph render(MuVolume vol, DrrGeometry g, RayCaster caster) throws FluoroInputException {
        Rays rays = Rays.of(vol.grid(), g);
        return caster == RayCaster.EXACT ? exact(vol, rays) : sliceStack(vol, rays, 0);
    }

    /** Ray geometry in continuous voxel coordinates of the volume. */
    record Rays(int columns, int rows, double[] source, double[] pixel00, double[] columnStep, double[] rowStep,
                Affine voxelToPatient, int[] dims) {

        static Rays of(VoxelGrid grid, DrrGeometry g) throws FluoroInputException {
            Affine p2v = grid.patientToVoxel();
            Affine v2p = grid.voxelToPatient();
            double[] s = p2v.apply(g.sourceLps()).toArray();
            double[] p00 = p2v.apply(g.pixelCentreLps(0, 0)).toArray();
            PatientPoint colStepLps = g.detectorRightLps().times(g.pixelWidthMm());
            PatientPoint rowStepLps = g.detectorUpLps().times(-g.pixelHeightMm());
            int[] dims = {grid.columns(), grid.rows(), grid.slices()};
            boolean inside = true;
            for (int a = 0; a < 3; a++) {
                inside &= s[a] > -0.5 && s[a] < dims[a] - 0.5;
            }
            if (inside) {
                throw new FluoroInputException("the X-ray source lies inside the CT volume: increase the "
                        + "source-to-isocentre distance or move the isocentre");
            }
            return new Rays(g.columns(), g.rows(), s, p00, p2v.applyLinear(colStepLps.x(), colStepLps.y(), colStepLps.z()).toArray(),
                    p2v.applyLinear(rowStepLps.x(), rowStepLps.y(), rowStepLps.z()).toArray(), v2p, dims);
        }

        double[] direction(double column, double row) {
            double[] d = new double[3];
            for (int a = 0; a < 3; a++) {
                d[a] = pixel00[a] + column * columnStep[a] + row * rowStep[a] - source[a];
            }
            return d;
        }

        double mmPerUnit(double[] d) {
            return voxelToPatient.applyLinear(d[0], d[1], d[2]).normMm();
        }
    }

    // ---------------------------------------------------------------- exact (reference)

    static Radiograph exact(MuVolume vol, Rays rays) {
        int w = rays.columns();
        int h = rays.rows();
        float[] out = new float[w * h];
        short[] codes = vol.codes();
        int[] n = rays.dims();
        IntStream.range(0, h).parallel().forEach(r -> {
            for (int c = 0; c < w; c++) {
                double[] d = rays.direction(c, r);
                out[r * w + c] = (float) (traverse(codes, n, rays.source(), d) * rays.mmPerUnit(d) * vol.muPerCode());
            }
        });
        return new Radiograph(w, h, out);
    }

    /**
     * Sum over voxels of (code x parameter length) along s + t d for t in [0, 1]; voxel (i,j,k) is the box
     * [i-0.5, i+0.5] x ... Returns the sum in code x t units.
     */
    static double traverse(short[] codes, int[] n, double[] s, double[] d) {
        double t0 = 0;
        double t1 = 1;
        for (int a = 0; a < 3; a++) {
            double lo = -0.5;
            double hi = n[a] - 0.5;
            if (Math.abs(d[a]) < 1e-12) {
                if (s[a] <= lo || s[a] >= hi) {
                    return 0;
                }
            } else {
                double ta = (lo - s[a]) / d[a];
                double tb = (hi - s[a]) / d[a];
                t0 = Math.max(t0, Math.min(ta, tb));
                t1 = Math.min(t1, Math.max(ta, tb));
            }
        }
        if (!(t1 > t0)) {
            return 0;
        }
        int[] idx = new int[3];
        int[] step = new int[3];
        double[] tNext = new double[3];
        double[] tDelta = new double[3];
        double probe = t0 + 1e-9 * (t1 - t0);
        for (int a = 0; a < 3; a++) {
            double p = s[a] + probe * d[a];
            idx[a] = (int) Math.floor(p + 0.5);
            idx[a] = Math.max(0, Math.min(n[a] - 1, idx[a]));
            if (d[a] > 0) {
                step[a] = 1;
                tNext[a] = (idx[a] + 0.5 - s[a]) / d[a];
                tDelta[a] = 1 / d[a];
            } else if (d[a] < 0) {
                step[a] = -1;
                tNext[a] = (idx[a] - 0.5 - s[a]) / d[a];
                tDelta[a] = -1 / d[a];
            } else {
                step[a] = 0;
                tNext[a] = Double.POSITIVE_INFINITY;
                tDelta[a] = Double.POSITIVE_INFINITY;
            }
        }
        int nx = n[0];
        int nxy = n[0] * n[1];
        double sum = 0;
        double t = t0;
        while (t < t1) {
            int a = tNext[0] < tNext[1] ? (tNext[0] < tNext[2] ? 0 : 2) : (tNext[1] < tNext[2] ? 1 : 2);
            double tEnd = Math.min(tNext[a], t1);
            sum += codes[idx[0] + nx * idx[1] + nxy * idx[2]] * (tEnd - t);
            t = tEnd;
            idx[a] += step[a];
            tNext[a] += tDelta[a];
            if (idx[a] < 0 || idx[a] >= n[a]) {
                break;
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- slice stack (fast)

    /** The slice-stack projection; {@code slabFactor} 0 chooses it from the rays' obliquity. */
    static Radiograph sliceStack(MuVolume vol, Rays rays, int slabFactor) {
        int w = rays.columns();
        int h = rays.rows();
        double[] s = rays.source();
        double[] dc = rays.direction((w - 1) / 2.0, (h - 1) / 2.0);
        double[] sp = vol.grid().spacingMm();
        int axis = 0;
        for (int a = 1; a < 3; a++) {
            if (Math.abs(dc[a]) * sp[a] > Math.abs(dc[axis]) * sp[axis]) {
                axis = a;
            }
        }
        int[] n = rays.dims();
        int fa = axis == 0 ? 1 : 0;
        int ra = axis == 2 ? 1 : 2;
        if (slabFactor <= 0) {
            double drift = 0;
            for (double[] cr : new double[][] {{-0.5, -0.5}, {w - 0.5, -0.5}, {-0.5, h - 0.5}, {w - 0.5, h - 0.5}}) {
                double[] d = rays.direction(cr[0], cr[1]);
                drift = Math.max(drift, Math.max(Math.abs(d[fa]), Math.abs(d[ra])) / Math.abs(d[axis]));
            }
            slabFactor = (int) Math.max(1, Math.min(MAX_SLAB, Math.floor(MAX_SLAB_DRIFT_VOXELS / drift)));
        }
        SliceLayout L = SliceLayout.of(axis, n[0], n[1], n[2], slabFactor);
        double nRef = (n[axis] - 1) / 2.0;
        double sN = s[axis];
        // footprint of the detector on the base plane (corners, half a pixel beyond the centres)
        double fLo = Double.POSITIVE_INFINITY;
        double fHi = Double.NEGATIVE_INFINITY;
        double rLo = Double.POSITIVE_INFINITY;
        double rHi = Double.NEGATIVE_INFINITY;
        double[][] corners = {{-0.5, -0.5}, {w - 0.5, -0.5}, {-0.5, h - 0.5}, {w - 0.5, h - 0.5}};
        for (double[] cr : corners) {
            double[] d = rays.direction(cr[0], cr[1]);
            if (!(d[axis] * (nRef - sN) > 0)) {
                return new Radiograph(w, h, new float[w * h]);
            }
            double t = (nRef - sN) / d[axis];
            fLo = Math.min(fLo, s[fa] + t * d[fa]);
            fHi = Math.max(fHi, s[fa] + t * d[fa]);
            rLo = Math.min(rLo, s[ra] + t * d[ra]);
            rHi = Math.max(rHi, s[ra] + t * d[ra]);
        }
        // union of the slices' extents mapped to the base plane (sigma is monotone in the slice index)
        double uf0 = Double.POSITIVE_INFINITY;
        double uf1 = Double.NEGATIVE_INFINITY;
        double ur0 = Double.POSITIVE_INFINITY;
        double ur1 = Double.NEGATIVE_INFINITY;
        for (int end : new int[] {0, n[axis] - 1}) {
            double sigma = (end - sN) / (nRef - sN);
            uf0 = Math.min(uf0, s[fa] + (-1 - s[fa]) / sigma);
            uf1 = Math.max(uf1, s[fa] + (L.fastSize() - s[fa]) / sigma);
            ur0 = Math.min(ur0, s[ra] + (-1 - s[ra]) / sigma);
            ur1 = Math.max(ur1, s[ra] + (L.slowSize() - s[ra]) / sigma);
        }
        fLo = Math.max(fLo, uf0);
        fHi = Math.min(fHi, uf1);
        rLo = Math.max(rLo, ur0);
        rHi = Math.min(rHi, ur1);
        if (!(fHi > fLo) || !(rHi > rLo)) {
            return new Radiograph(w, h, new float[w * h]);
        }
        double hf = INTERMEDIATE_STEP_VOXELS;
        double hr = INTERMEDIATE_STEP_VOXELS;
        int na = (int) Math.min(8192, Math.ceil((fHi - fLo) / hf) + 2);
        int nb = (int) Math.min(8192, Math.ceil((rHi - rLo) / hr) + 2);
        double f0 = fLo - hf * 0.5;
        double r0 = rLo - hr * 0.5;
        float[] acc = accumulate(vol, L, s, nRef, f0, hf, na, r0, hr, nb);
        return warp(rays, axis, fa, ra, nRef, f0, hf, na, r0, hr, nb, acc, vol.muPerCode() * L.slabFactor());
    }

    /**
     * Sums the resampled slices on the intermediate grid (na x nb, row b at offset b * na). Per slice and
     * intermediate row: a contiguous (vectorisable) blend of the two CT rows around it, then one gather along
     * the fast axis added into the accumulator. Bands of intermediate rows run in parallel.
     */
    static float[] accumulate(MuVolume vol, SliceLayout L, double[] s, double nRef, double f0, double hf, int na,
                              double r0, double hr, int nb) {
        short[] codes = L.codes(vol);
        float[] acc = new float[na * nb];
        int threads = Runtime.getRuntime().availableProcessors();
        int bands = Math.max(1, Math.min(nb, 2 * threads));
        double sN = s[L.sliceAxis()];
        double sF = s[L.fastAxis()];
        double sR = s[L.slowAxis()];
        int fSize = L.fastSize();
        int rSize = L.slowSize();
        IntStream.range(0, bands).parallel().forEach(band -> {
            int bA = (int) ((long) nb * band / bands);
            int bB = (int) ((long) nb * (band + 1) / bands);
            if (bB <= bA) {
                return;
            }
            float[] line = new float[fSize + 2]; // padded: line[0] and line[fSize + 1] stay 0
            int[] ia = new int[na];
            float[] wa = new float[na];
            for (int sl = 0; sl < L.slices(); sl++) {
                double sigma = (L.centre(sl) - sN) / (nRef - sN);
                double xA = sF + sigma * (f0 - sF);
                double xS = sigma * hf;
                double yA = sR + sigma * (r0 - sR);
                double yS = sigma * hr;
                int aLo = Math.max(0, (int) Math.floor((-1 - xA) / xS) + 1);
                int aHi = Math.min(na - 1, (int) Math.ceil((fSize - xA) / xS) - 1);
                while (aLo <= aHi && xA + xS * aLo <= -1) {
                    aLo++;
                }
                while (aHi >= aLo && xA + xS * aHi >= fSize) {
                    aHi--;
                }
                int bLo = Math.max(bA, (int) Math.floor((-1 - yA) / yS) + 1);
                int bHi = Math.min(bB - 1, (int) Math.ceil((rSize - yA) / yS) - 1);
                while (bLo <= bHi && yA + yS * bLo <= -1) {
                    bLo++;
                }
                while (bHi >= bLo && yA + yS * bHi >= rSize) {
                    bHi--;
                }
                if (aLo > aHi || bLo > bHi) {
                    continue;
                }
                for (int a = aLo; a <= aHi; a++) {
                    double x = xA + xS * a + 1;
                    int i0 = (int) x;
                    ia[a] = i0;
                    wa[a] = (float) (x - i0);
                }
                int xLo = Math.max(0, ia[aLo] - 1);
                int xHi = Math.min(fSize - 1, ia[aHi]);
                for (int b = bLo; b <= bHi; b++) {
                    double y = yA + yS * b;
                    int y0 = (int) Math.floor(y);
                    float wy = (float) (y - y0);
                    if (y0 < 0) {
                        scaleRow(codes, L.rowOffset(sl, 0), wy, line, xLo, xHi);
                    } else if (y0 + 1 >= rSize) {
                        scaleRow(codes, L.rowOffset(sl, y0), 1 - wy, line, xLo, xHi);
                    } else {
                        blendRows(codes, L.rowOffset(sl, y0), L.rowOffset(sl, y0 + 1), wy, line, xLo, xHi);
                    }
                    gatherAdd(line, ia, wa, acc, b * na, aLo, aHi);
                }
            }
        });
        return acc;
    }

    /** line[x + 1] = codes[o0 + x] + w (codes[o1 + x] - codes[o0 + x]) for x in [xLo, xHi]. */
    static void blendRows(short[] codes, int o0, int o1, float w, float[] line, int xLo, int xHi) {
        for (int x = xLo; x <= xHi; x++) {
            float v0 = codes[o0 + x];
            line[x + 1] = v0 + w * (codes[o1 + x] - v0);
        }
    }

    /** line[x + 1] = w codes[o + x] for x in [xLo, xHi] (a CT row next to the volume's edge). */
    static void scaleRow(short[] codes, int o, float w, float[] line, int xLo, int xHi) {
        for (int x = xLo; x <= xHi; x++) {
            line[x + 1] = w * codes[o + x];
        }
    }

    /** acc[base + a] += line[ia[a]] + wa[a] (line[ia[a] + 1] - line[ia[a]]) for a in [aLo, aHi]. */
    static void gatherAdd(float[] line, int[] ia, float[] wa, float[] acc, int base, int aLo, int aHi) {
        for (int a = aLo; a <= aHi; a++) {
            int i = ia[a];
            float v0 = line[i];
            acc[base + a] += v0 + wa[a] * (line[i + 1] - v0);
        }
    }

    static Radiograph warp(Rays rays, int axis, int fa, int ra, double nRef, double f0, double hf, int na, double r0,
                           double hr, int nb, float[] acc, double muPerCode) {
        int w = rays.columns();
        int h = rays.rows();
        double[] s = rays.source();
        double[] p0 = rays.pixel00();
        double[] cs = rays.columnStep();
        double[] rs = rays.rowStep();
        org.sacroguide.imaging.Affine v2p = rays.voxelToPatient();
        double[] m = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                m[row * 3 + col] = v2p.get(row, col);
            }
        }
        float[] out = new float[w * h];
        IntStream.range(0, h).parallel().forEach(r -> {
            double bx = p0[0] + r * rs[0] - s[0];
            double by = p0[1] + r * rs[1] - s[1];
            double bz = p0[2] + r * rs[2] - s[2];
            for (int c = 0; c < w; c++) {
                double dx = bx + c * cs[0];
                double dy = by + c * cs[1];
                double dz = bz + c * cs[2];
                double dn = axis == 0 ? dx : axis == 1 ? dy : dz;
                double df = fa == 0 ? dx : fa == 1 ? dy : dz;
                double dr = ra == 0 ? dx : ra == 1 ? dy : dz;
                double t = (nRef - s[axis]) / dn;
                double a = (s[fa] + t * df - f0) / hf;
                double b = (s[ra] + t * dr - r0) / hr;
                double v = bilinear(acc, na, nb, a, b);
                if (v == 0) {
                    continue;
                }
                double mx = m[0] * dx + m[1] * dy + m[2] * dz;
                double my = m[3] * dx + m[4] * dy + m[5] * dz;
                double mz = m[6] * dx + m[7] * dy + m[8] * dz;
                out[r * w + c] = (float) (v * Math.sqrt(mx * mx + my * my + mz * mz) / Math.abs(dn) * muPerCode);
            }
        });
        return new Radiograph(w, h, out);
    }

    static double bilinear(float[] img, int na, int nb, double a, double b) {
        if (!(a > -1 && b > -1 && a < na && b < nb)) {
            return 0;
        }
        int a0 = (int) Math.floor(a);
        int b0 = (int) Math.floor(b);
        double u = a - a0;
        double v = b - b0;
        double v00 = sample(img, na, nb, a0, b0);
        double v10 = sample(img, na, nb, a0 + 1, b0);
        double v01 = sample(img, na, nb, a0, b0 + 1);
        double v11 = sample(img, na, nb, a0 + 1, b0 + 1);
        return (1 - v) * (v00 + u * (v10 - v00)) + v * (v01 + u * (v11 - v01));
    }

    private static double sample(float[] img, int na, int nb, int a, int b) {
        return a < 0 || b < 0 || a >= na || b >= nb ? 0 : img[b * na + a];
    }
}
