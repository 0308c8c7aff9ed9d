package org.sacroguide.imaging.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.IntToDoubleFunction;
import java.util.zip.GZIPOutputStream;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.AtomicFile;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Writes NIfTI-1 single files ({@code .nii}, or gzip-compressed when the name ends in {@code .gz}),
 * little endian, with both sform and qform set (code 1, scanner coordinates) from the grid's LPS affine
 * converted to RAS+. The file appears only when complete (see {@link AtomicFile}).
 */
public final class NiftiWriter {

    private NiftiWriter() {
    }

    /** A CT in HU as int16. */
    public static void writeCt(CtVolume ct, Path target) throws IOException {
        short[] hu = ct.huArray();
        write(ct.grid(), NiftiDataType.INT16, i -> hu[i], target);
    }

    /** A label map as uint8. */
    public static void writeLabels(VoxelGrid grid, byte[] labels, Path target) throws IOException {
        write(grid, NiftiDataType.UINT8, i -> labels[i] & 0xff, target);
    }

    /** A float map (for example a distance or density map) as float32. */
    public static void writeFloats(VoxelGrid grid, float[] values, Path target) throws IOException {
        write(grid, NiftiDataType.FLOAT32, i -> values[i], target);
    }

    /** Any supported type, values given per flat index; integer types are rounded and clamped. */
    public static void write(VoxelGrid grid, NiftiDataType type, IntToDoubleFunction values, Path target)
            throws IOException {
        write(grid, type, values, 0, 0, target);
    }

    /**
     * As {@link #write(VoxelGrid, NiftiDataType, IntToDoubleFunction, Path)}, storing
     * {@code (value - sclInter) / sclSlope} with the given scaling in the header (slope 0: no scaling).
     */
    public static void write(VoxelGrid grid, NiftiDataType type, IntToDoubleFunction values, double sclSlope,
                             double sclInter, Path target) throws IOException {
        boolean gz = target.getFileName().toString().endsWith(".gz");
        AtomicFile.write(target, raw -> {
            OutputStream out = gz ? new GZIPOutputStream(raw, 1 << 16) : raw;
            out.write(header(grid, type, sclSlope, sclInter));
            writeData(out, grid.voxelCount(), type, values, sclSlope, sclInter);
            if (gz) {
                ((GZIPOutputStream) out).finish();
            }
        });
    }

    private static void writeData(OutputStream out, int n, NiftiDataType type, IntToDoubleFunction values,
                                  double slope, double inter) throws IOException {
        int bpv = type.bytesPerVoxel();
        int perChunk = (1 << 20) / bpv;
        ByteBuffer bb = ByteBuffer.allocate(perChunk * bpv).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < n; start += perChunk) {
            int count = Math.min(perChunk, n - start);
            bb.clear();
            for (int v = 0; v < count; v++) {
                double value = values.applyAsDouble(start + v);
                double s = slope == 0 ? value : (value - inter) / slope;
                switch (type) {
                    case UINT8 -> bb.put((byte) clampRound(s, 0, 255));
                    case INT8 -> bb.put((byte) clampRound(s, -128, 127));
                    case INT16 -> bb.putShort((short) clampRound(s, Short.MIN_VALUE, Short.MAX_VALUE));
                    case UINT16 -> bb.putShort((short) clampRound(s, 0, 65535));
                    case INT32 -> bb.putInt((int) clampRound(s, Integer.MIN_VALUE, Integer.MAX_VALUE));
                    case FLOAT32 -> bb.putFloat((float) s);
                    case FLOAT64 -> bb.putDouble(s);
                }
            }
            out.write(bb.array(), 0, count * bpv);
        }
    }

    private static long clampRound(double v, long lo, long hi) {
        long r = Math.round(v);
        return r < lo ? lo : Math.min(r, hi);
    }

    static byte[] header(VoxelGrid grid, NiftiDataType type, double slope, double inter) {
        ByteBuffer b = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        short[] dim = {3, (short) grid.columns(), (short) grid.rows(), (short) grid.slices(), 1, 1, 1, 1};
        if (grid.columns() > Short.MAX_VALUE || grid.rows() > Short.MAX_VALUE || grid.slices() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("NIfTI-1 cannot store more than 32767 voxels along an axis");
        }
        for (int d = 0; d < 8; d++) {
            b.putShort(40 + 2 * d, dim[d]);
        }
        b.putShort(70, (short) type.code());
        b.putShort(72, (short) (8 * type.bytesPerVoxel()));
        // LPS -> RAS: negate x and y rows.
        double[] m = grid.voxelToPatient().toRowMajor();
        for (int c = 0; c < 4; c++) {
            m[c] = -m[c];
            m[4 + c] = -m[4 + c];
        }
        Affine ras = Affine.ofRowMajor(m);
        double[] q = quaternion(ras);
        b.putFloat(76, (float) q[6]); // qfac in pixdim[0]
        for (int a = 0; a < 3; a++) {
            b.putFloat(80 + 4 * a, (float) ras.spacingMm(a));
        }
        b.putFloat(92, 1f);
        b.putFloat(108, 352f);
        b.putFloat(112, (float) slope);
        b.putFloat(116, (float) inter);
        b.put(123, (byte) 10); // xyzt_units: mm and seconds
        byte[] descrip = "SacroGuide (research use, not for clinical use)".getBytes(StandardCharsets.US_ASCII);
        b.put(148, descrip, 0, Math.min(descrip.length, 79));
        b.putShort(252, (short) 1);
        b.putShort(254, (short) 1);
        b.putFloat(256, (float) q[0]);
        b.putFloat(260, (float) q[1]);
        b.putFloat(264, (float) q[2]);
        b.putFloat(268, (float) m[3]);
        b.putFloat(272, (float) m[7]);
        b.putFloat(276, (float) m[11]);
        for (int n = 0; n < 12; n++) {
            b.putFloat(280 + 4 * n, (float) m[n]);
        }
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        return b.array();
    }

    /**
     * Quaternion b, c, d, then unused, unused, unused, qfac of the rotation part of a RAS affine, as
     * nifti1_io's nifti_mat44_to_quatern computes it (an orthogonalised approximation if the axes shear).
     */
    static double[] quaternion(Affine ras) {
        double[][] r = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double n = ras.spacingMm(c);
            for (int row = 0; row < 3; row++) {
                r[row][c] = ras.get(row, c) / n;
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) {
                r[row][2] = -r[row][2];
            }
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
            double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
            double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, 0, 0, 0, qfac};
    }
}
