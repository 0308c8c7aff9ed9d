package org.sacroguide.imaging.dicom;

/**
 * The plane of a series' slices, from the normal of its ImageOrientationPatient (the axis the normal is
 * closest to, OBLIQUE when it is more than about 37 degrees from every axis).
 */
public enum SeriesOrientation {
    AXIAL, CORONAL, SAGITTAL, OBLIQUE,
    /** The images of the series do not share one orientation. */
    MIXED,
    /** The images carry no (valid) ImageOrientationPatient. */
    UNKNOWN;

    /** The plane of an ImageOrientationPatient (6 direction cosines); UNKNOWN when absent or degenerate. */
    static SeriesOrientation of(double[] iop) {
        if (iop == null || iop.length < 6) {
            return UNKNOWN;
        }
        double nx = iop[1] * iop[5] - iop[2] * iop[4];
        double ny = iop[2] * iop[3] - iop[0] * iop[5];
        double nz = iop[0] * iop[4] - iop[1] * iop[3];
        double norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(norm > 0.5)) {
            return UNKNOWN;
        }
        double ax = Math.abs(nx) / norm;
        double ay = Math.abs(ny) / norm;
        double az = Math.abs(nz) / norm;
        double max = Math.max(ax, Math.max(ay, az));
        if (max < 0.8) {
            return OBLIQUE;
        }
        return max == az ? AXIAL : max == ay ? CORONAL : SAGITTAL;
    }
}
