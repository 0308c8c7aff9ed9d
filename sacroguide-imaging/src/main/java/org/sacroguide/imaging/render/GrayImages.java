package org.sacroguide.imaging.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sacroguide.imaging.AtomicFile;
import org.sacroguide.imaging.CtVolume;

/**
 * Turns sampled HU into pictures a radiologist reads: a window (centre and width in HU, as on the
 * console) mapped to grey, as an RGB image so overlays can be drawn in colour; and PNG writing that never
 * leaves a half-written file.
 */
public final class GrayImages {

    /** The usual bone window (centre 400 HU, width 1800 HU). */
    public static final double BONE_CENTRE_HU = 400;
    public static final double BONE_WIDTH_HU = 1800;

    private GrayImages() {
    }

    public static BufferedImage windowed(float[] values, int width, int height, double centre, double widthHu) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double lo = centre - widthHu / 2;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double t = (values[r * width + c] - lo) / widthHu;
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, t)));
                img.setRGB(c, r, (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    /** The CT through a view in a bone window. */
    public static BufferedImage render(CtVolume ct, SliceView view, double centreHu, double widthHu) {
        return windowed(view.sample(ct), view.width(), view.height(), centreHu, widthHu);
    }

    public static void writePng(BufferedImage img, Path target) throws IOException {
        AtomicFile.write(target, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
