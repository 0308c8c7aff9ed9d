package org.sacroguide.fluoro.drr;

import java.util.Locale;
import org.sacroguide.fluoro.FluoroInputException;
import org.sacroguide.imaging.PatientPoint;

/**
 * The C-arm geometry of one radiograph in DICOM patient coordinates (LPS, mm): a point source at
 * {@code sourceToIsocenterMm} from the isocentre along the unit vector {@code towardsSourceLps}, a flat detector
 * perpendicular to it at {@code sourceToDetectorMm} from the source, {@code detectorWidthMm} x
 * {@code detectorHeightMm} in size with {@code columns} x {@code rows} pixels; row 0 is the row nearest
 * {@code detectorUpLps} (the top of the image), columns increase along {@link #detectorRightLps()} (for AP
 * the patient's left, so the patient's right is on the image's left as radiographs are read). Gantry
 * angles follow plastimatch (0 = source on the patient's left, 90 = source in front), so images match
 * {@code plastimatch drr} pixel for pixel. Build one with {@link #of}; the record's constructor refuses
 * inconsistent values with {@link IllegalArgumentException}.
 */
public record DrrGeometry(double sourceToIsocenterMm, double sourceToDetectorMm, double detectorWidthMm,
                          double detectorHeightMm, int columns, int rows, PatientPoint isocenterLps,
                          PatientPoint towardsSourceLps, PatientPoint detectorUpLps) {

    /** Plastimatch's defaults and the reference run of the issue: SAD 1000, SID 1500, 430 mm, 512 pixels. */
    public static final double DEFAULT_SAD_MM = 1000;
    public static final double DEFAULT_SID_MM = 1500;
    public static final double DEFAULT_DETECTOR_MM = 430;
    public static final int DEFAULT_PIXELS = 512;

    public DrrGeometry {
        if (!(sourceToIsocenterMm > 0) || !(sourceToDetectorMm > sourceToIsocenterMm)) {
            throw new IllegalArgumentException("need 0 < SAD < SID, were " + sourceToIsocenterMm + " and "
                    + sourceToDetectorMm);
        }
        if (!(detectorWidthMm > 0) || !(detectorHeightMm > 0) || columns <= 0 || rows <= 0) {
            throw new IllegalArgumentException("detector size and pixels must be positive");
        }
        towardsSourceLps = towardsSourceLps.unit();
        PatientPoint up = detectorUpLps.minus(towardsSourceLps.times(detectorUpLps.dot(towardsSourceLps)));
        detectorUpLps = up.unit();
    }

    /**
     * A checked factory: gantry angle (plastimatch convention, degrees), then a cranial tilt (degrees, the
     * image receptor towards the patient's head; negative = caudal). The image's top row points to the head.
     *
     * @throws FluoroInputException for distances or detectors no C-arm has (SAD 100-5000 mm, SID > SAD and
     *     at most 3 x SAD, detector 10-1000 mm, 8-4096 pixels)
     */
    public static DrrGeometry of(double gantryAngleDeg, double cranialTiltDeg, double sadMm, double sidMm,
                                 double detectorWidthMm, double detectorHeightMm, int columns, int rows,
                                 PatientPoint isocenterLps) throws FluoroInputException {
        if (!(sadMm >= 100 && sadMm <= 5000)) {
            throw new FluoroInputException(String.format(Locale.ROOT,
                    "source-to-isocentre distance must lie in 100-5000 mm, was %.1f mm", sadMm));
        }
        if (!(sidMm > sadMm && sidMm <= 3 * sadMm)) {
            throw new FluoroInputException(String.format(Locale.ROOT,
                    "source-to-detector distance must exceed the source-to-isocentre distance (%.1f mm) and be at "
                            + "most 3 times it, was %.1f mm", sadMm, sidMm));
        }
        if (!(detectorWidthMm >= 10 && detectorWidthMm <= 1000 && detectorHeightMm >= 10 && detectorHeightMm <= 1000)) {
            throw new FluoroInputException(String.format(Locale.ROOT,
                    "detector must be 10-1000 mm on each side, was %.1f x %.1f mm", detectorWidthMm, detectorHeightMm));
        }
        if (columns < 8 || rows < 8 || columns > 4096 || rows > 4096) {
            throw new FluoroInputException("detector must have 8-4096 pixels on each side, had " + columns + " x " + rows);
        }
        if (!(Math.abs(cranialTiltDeg) <= 80) || !Double.isFinite(gantryAngleDeg)) {
            throw new FluoroInputException(String.format(Locale.ROOT,
                    "cranial/caudal tilt must lie within +-80 degrees, was %.1f", cranialTiltDeg));
        }
        double g = Math.toRadians(gantryAngleDeg);
        double t = Math.toRadians(cranialTiltDeg);
        PatientPoint horizontal = new PatientPoint(Math.cos(g), -Math.sin(g), 0);
        PatientPoint head = new PatientPoint(0, 0, 1);
        PatientPoint towardsSource = horizontal.times(Math.cos(t)).minus(head.times(Math.sin(t)));
        return new DrrGeometry(sadMm, sidMm, detectorWidthMm, detectorHeightMm, columns, rows, isocenterLps,
                towardsSource, head);
    }

    /** The reference geometry (SAD 1000, SID 1500, 430 mm square, 512 pixels) for a named view. */
    public static DrrGeometry reference(View view, PatientPoint isocenterLps) {
        try {
            return of(view.gantryAngleDeg(), 0, DEFAULT_SAD_MM, DEFAULT_SID_MM, DEFAULT_DETECTOR_MM,
                    DEFAULT_DETECTOR_MM, DEFAULT_PIXELS, DEFAULT_PIXELS, isocenterLps);
        } catch (FluoroInputException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same C-arm with another isocentre. */
    public DrrGeometry withIsocenter(PatientPoint iso) {
        return new DrrGeometry(sourceToIsocenterMm, sourceToDetectorMm, detectorWidthMm, detectorHeightMm, columns,
                rows, iso, towardsSourceLps, detectorUpLps);
    }

    /** The focal spot, LPS mm. */
    public PatientPoint sourceLps() {
        return isocenterLps.plus(towardsSourceLps.times(sourceToIsocenterMm));
    }

    /** The detector's centre, LPS mm. */
    public PatientPoint detectorCentreLps() {
        return sourceLps().minus(towardsSourceLps.times(sourceToDetectorMm));
    }

    /** Unit vector along increasing column index on the detector, LPS. */
    public PatientPoint detectorRightLps() {
        return detectorUpLps.cross(towardsSourceLps);
    }

    public double pixelWidthMm() {
        return detectorWidthMm / columns;
    }

    public double pixelHeightMm() {
        return detectorHeightMm / rows;
    }

    /** Centre of pixel (column, row), LPS mm; row 0 is the top row. Fractional indices are allowed. */
    public PatientPoint pixelCentreLps(double column, double row) {
        return detectorCentreLps()
                .plus(detectorRightLps().times((column - (columns - 1) / 2.0) * pixelWidthMm()))
                .plus(detectorUpLps.times(((rows - 1) / 2.0 - row) * pixelHeightMm()));
    }

    /** Magnification at the isocentre (SID / SAD). */
    public double magnification() {
        return sourceToDetectorMm / sourceToIsocenterMm;
    }

    /**
     * Where a patient point projects on the detector: {column, row} in pixels (fractional), or {@code null}
     * when the point lies behind the source.
     */
    public double[] project(PatientPoint p) {
        PatientPoint s = sourceLps();
        PatientPoint d = p.minus(s);
        double along = -d.dot(towardsSourceLps);
        if (!(along > 1e-9)) {
            return null;
        }
        double scale = sourceToDetectorMm / along;
        double x = d.dot(detectorRightLps()) * scale;
        double y = d.dot(detectorUpLps) * scale;
        return new double[] {x / pixelWidthMm() + (columns - 1) / 2.0, (rows - 1) / 2.0 - y / pixelHeightMm()};
    }
}
