package org.sacroguide.imaging.render;

import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * A planar picture through a volume: the patient position (LPS, mm) of the top-left pixel centre, the
 * patient directions of image columns and rows, the pixel size in mm and the image size. It maps pixels
 * to patient points and back, so overlays (needles, landmarks, labels) can be drawn where they belong.
 */
public record SliceView(ViewPlane plane, PatientPoint topLeft, double pixelMm, int width, int height) {

    public SliceView {
        if (!(pixelMm > 0) || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a slice view needs a positive pixel size and image size");
        }
    }

    /**
     * The view through {@code centre} covering the whole volume's extent in that plane, with square pixels
     * of {@code pixelMm}.
     */
    public static SliceView through(VoxelGrid grid, ViewPlane plane, PatientPoint centre, double pixelMm) {
        double minR = Double.POSITIVE_INFINITY;
        double maxR = Double.NEGATIVE_INFINITY;
        double minD = Double.POSITIVE_INFINITY;
        double maxD = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            PatientPoint p = grid.voxelCentre((c & 1) == 0 ? -0.5 : grid.columns() - 0.5,
                    (c & 2) == 0 ? -0.5 : grid.rows() - 0.5, (c & 4) == 0 ? -0.5 : grid.slices() - 0.5);
            double r = p.dot(plane.right());
            double d = p.dot(plane.down());
            minR = Math.min(minR, r);
            maxR = Math.max(maxR, r);
            minD = Math.min(minD, d);
            maxD = Math.max(maxD, d);
        }
        int w = Math.max(1, (int) Math.round((maxR - minR) / pixelMm));
        int h = Math.max(1, (int) Math.round((maxD - minD) / pixelMm));
        PatientPoint n = plane.normal();
        PatientPoint topLeft = plane.right().times(minR + pixelMm / 2).plus(plane.down().times(minD + pixelMm / 2))
                .plus(n.times(centre.dot(n)));
        return new SliceView(plane, topLeft, pixelMm, w, h);
    }

    public PatientPoint pixelToPatient(double column, double row) {
        return topLeft.plus(plane.right().times(column * pixelMm)).plus(plane.down().times(row * pixelMm));
    }

    /** Image column and row of a patient point projected onto the plane. */
    public double[] patientToPixel(PatientPoint p) {
        PatientPoint d = p.minus(topLeft);
        return new double[] {d.dot(plane.right()) / pixelMm, d.dot(plane.down()) / pixelMm};
    }

    /** Signed distance in mm of a point from the plane. */
    public double distanceFromPlaneMm(PatientPoint p) {
        return p.minus(topLeft).dot(plane.normal());
    }

    /** HU sampled (trilinear) at every pixel, row by row. */
    public float[] sample(CtVolume ct) {
        float[] out = new float[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                out[r * width + c] = (float) ct.sampleHu(pixelToPatient(c, r));
            }
        }
        return out;
    }
}
