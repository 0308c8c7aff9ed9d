package org.sacroguide.fluoro.drr;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sacroguide.imaging.AtomicFile;

/**
 * One simulated radiograph: the line integral of linear attenuation (dimensionless, the sum of mu per mm
 * times mm) along the ray to each detector pixel, {@code columns} x {@code rows}, row 0 the top row, stored
 * row after row. Values are never changed after construction by convention.
 */
public final class Radiograph {

    private final int columns;
    private final int rows;
    private final float[] lineIntegrals;

    public Radiograph(int columns, int rows, float[] lineIntegrals) {
        if (lineIntegrals.length != columns * rows) {
            throw new IllegalArgumentException("pixel array does not match " + columns + " x " + rows);
        }
        this.columns = columns;
        this.rows = rows;
        this.lineIntegrals = lineIntegrals;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** Read-only by contract; index {@code row * columns + column}. */
    public float[] lineIntegrals() {
        return lineIntegrals;
    }

    public float at(int column, int row) {
        return lineIntegrals[row * columns + column];
    }

    /** A copy with every value multiplied (plastimatch writes 0.1 x the line integral). */
    public Radiograph scaled(double factor) {
        float[] v = new float[lineIntegrals.length];
        for (int n = 0; n < v.length; n++) {
            v[n] = (float) (lineIntegrals[n] * factor);
        }
        return new Radiograph(columns, rows, v);
    }

    /** A copy with another radiograph's values added (needles, cement). */
    public Radiograph plus(Radiograph o) {
        if (o.columns != columns || o.rows != rows) {
            throw new IllegalArgumentException("radiographs differ in size");
        }
        float[] v = lineIntegrals.clone();
        for (int n = 0; n < v.length; n++) {
            v[n] += o.lineIntegrals[n];
        }
        return new Radiograph(columns, rows, v);
    }

    /** Normalised cross-correlation of two radiographs of the same size, in [-1, 1]. */
    public static double ncc(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("images differ in size");
        }
        double ma = 0;
        double mb = 0;
        for (int n = 0; n < a.length; n++) {
            ma += a[n];
            mb += b[n];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int n = 0; n < a.length; n++) {
            double x = a[n] - ma;
            double y = b[n] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /**
     * Writes a Portable Float Map ("Pf", little-endian, scale -1) with the top row first, as plastimatch
     * writes its DRRs (the PFM standard would put the bottom row first).
     */
    public void writePfm(Path target) throws IOException {
        AtomicFile.write(target, out -> {
            out.write(("Pf\n" + columns + " " + rows + "\n-1\n").getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(4 * columns).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < rows; r++) {
                buf.clear();
                for (int c = 0; c < columns; c++) {
                    buf.putFloat(lineIntegrals[r * columns + c]);
                }
                out.write(buf.array(), 0, 4 * columns);
            }
        });
    }

    /** Reads a grey-scale PFM written top row first (plastimatch's and {@link #writePfm}'s order). */
    public static Radiograph readPfm(Path file) throws IOException {
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(raw)) {
            String magic = token(in);
            if (!magic.equals("Pf")) {
                throw new IOException(file + " is not a grey-scale PFM (magic '" + magic + "')");
            }
            int w = Integer.parseInt(token(in));
            int h = Integer.parseInt(token(in));
            double scale = Double.parseDouble(token(in));
            ByteOrder order = scale < 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            byte[] bytes = in.readNBytes(4 * w * h);
            if (bytes.length != 4 * w * h) {
                throw new IOException(file + " is truncated");
            }
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(order);
            float[] v = new float[w * h];
            for (int n = 0; n < v.length; n++) {
                v[n] = bb.getFloat();
            }
            return new Radiograph(w, h, v);
        }
    }

    private static String token(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (Character.isWhitespace(c)) {
                if (sb.length() > 0) {
                    break;
                }
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
