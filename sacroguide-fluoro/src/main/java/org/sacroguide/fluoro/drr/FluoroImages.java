package org.sacroguide.fluoro.drr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.sacroguide.imaging.render.GrayImages;

/**
 * Turns radiographs into pictures a radiologist reads as fluoroscopy: the line integral is windowed (by
 * default between robust percentiles of the exposed field) and shown with dense structures dark on a bright
 * field, as on a C-arm monitor ({@link Display#FLUOROSCOPY}), or bright as on a film ({@link
 * Display#RADIOGRAPH}). Every picture carries the words "SIMULATED - NOT FOR CLINICAL USE".
 */
public final class FluoroImages {

    /** Grey-scale polarity. */
    public enum Display { FLUOROSCOPY, RADIOGRAPH }

    /** A window on line integrals (dimensionless): values at {@code low} show as air, at {@code high} as densest. */
    public record Window(double low, double high) {
        public Window {
            if (!(high > low)) {
                throw new IllegalArgumentException("window needs high > low, were " + low + " and " + high);
            }
        }

        /** The 2nd and 99.5th percentiles of the non-zero pixels (rays that crossed the patient). */
        public static Window auto(Radiograph r) {
            float[] v = r.lineIntegrals();
            float[] nz = new float[v.length];
            int n = 0;
            for (float x : v) {
                if (x > 1e-3f) {
                    nz[n++] = x;
                }
            }
            if (n < 10) {
                return new Window(0, 1);
            }
            float[] s = Arrays.copyOf(nz, n);
            Arrays.sort(s);
            double lo = s[(int) (0.02 * (n - 1))];
            double hi = s[(int) (0.995 * (n - 1))];
            return hi > lo ? new Window(Math.min(lo, 0.5 * hi), hi) : new Window(0, Math.max(1, hi));
        }
    }

    private FluoroImages() {
    }

    /**
     * Edge enhancement as C-arm image processing does: the radiograph plus {@code amount} times its difference
     * from a blurred copy (two passes of a box filter of the given radius, pixels). For display only.
     */
    public static Radiograph enhanced(Radiograph r, int radiusPx, double amount) {
        int w = r.columns();
        int h = r.rows();
        float[] v = r.lineIntegrals();
        float[] b = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            b = boxRows(b, w, h, radiusPx);
            b = transpose(boxRows(transpose(b, w, h), h, w, radiusPx), h, w);
        }
        float[] out = new float[v.length];
        for (int n = 0; n < v.length; n++) {
            out[n] = (float) Math.max(0, v[n] + amount * (v[n] - b[n]));
        }
        return new Radiograph(w, h, out);
    }

    private static float[] boxRows(float[] in, int w, int h, int rad) {
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            double sum = 0;
            int o = y * w;
            for (int x = -rad; x <= rad; x++) {
                sum += in[o + Math.max(0, Math.min(w - 1, x))];
            }
            for (int x = 0; x < w; x++) {
                out[o + x] = (float) (sum / (2 * rad + 1));
                sum += in[o + Math.min(w - 1, x + rad + 1)] - in[o + Math.max(0, x - rad)];
            }
        }
        return out;
    }

    private static float[] transpose(float[] in, int w, int h) {
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[x * h + y] = in[y * w + x];
            }
        }
        return out;
    }

    /** A grey picture of the radiograph in a window (RGB, so overlays can be drawn in colour). */
    public static BufferedImage toImage(Radiograph r, Window w, Display display) {
        float[] v = r.lineIntegrals();
        int cols = r.columns();
        BufferedImage img = new BufferedImage(cols, r.rows(), BufferedImage.TYPE_INT_RGB);
        double span = w.high() - w.low();
        for (int row = 0; row < r.rows(); row++) {
            for (int c = 0; c < cols; c++) {
                double t = Math.max(0, Math.min(1, (v[row * cols + c] - w.low()) / span));
                // a gentle gamma, as detectors' look-up tables do, keeps bone texture visible
                double g = Math.pow(t, 0.8);
                int grey = (int) Math.round(255 * (display == Display.FLUOROSCOPY ? 1 - g : g));
                img.setRGB(c, row, (grey << 16) | (grey << 8) | grey);
            }
        }
        return img;
    }

    /** Stamps a caption and "SIMULATED - NOT FOR CLINICAL USE" on the picture (in place) and returns it. */
    public static BufferedImage label(BufferedImage img, String caption) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int size = Math.max(9, img.getWidth() / 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        g.setColor(new Color(255, 200, 0));
        g.drawString(caption, 4, size + 2);
        g.drawString("SIMULATED - NOT FOR CLINICAL USE", 4, img.getHeight() - 4);
        g.dispose();
        return img;
    }

    /** Edge-enhanced ({@link #enhanced}), windowed, labelled PNG, written atomically. */
    public static void writePng(Radiograph r, Display display, String caption, Path target) throws IOException {
        Radiograph e = enhanced(r, Math.max(2, r.columns() / 32), 1.5);
        GrayImages.writePng(label(toImage(e, Window.auto(e), display), caption), target);
    }
}
