package org.sacroguide.imaging;

/**
 * A point or a displacement in DICOM patient coordinates (LPS+: x towards the patient's left, y towards
 * posterior, z towards head), in millimetres. Used for every world position inside SacroGuide; NIfTI's
 * RAS+ is converted at the I/O boundary and never appears here.
 */
public record PatientPoint(double x, double y, double z) {

    public static final PatientPoint ORIGIN = new PatientPoint(0, 0, 0);

    public PatientPoint plus(PatientPoint o) {
        return new PatientPoint(x + o.x, y + o.y, z + o.z);
    }

    public PatientPoint minus(PatientPoint o) {
        return new PatientPoint(x - o.x, y - o.y, z - o.z);
    }

    public PatientPoint times(double s) {
        return new PatientPoint(x * s, y * s, z * s);
    }

    public double dot(PatientPoint o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public PatientPoint cross(PatientPoint o) {
        return new PatientPoint(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double normMm() {
        return Math.sqrt(dot(this));
    }

    public double distanceMm(PatientPoint o) {
        return minus(o).normMm();
    }

    /** This vector scaled to length 1; refuses the zero vector. */
    public PatientPoint unit() {
        double n = normMm();
        if (!(n > 0)) {
            throw new IllegalArgumentException("cannot normalise a zero-length direction");
        }
        return times(1.0 / n);
    }

    /** Linear interpolation: {@code t = 0} gives this point, {@code t = 1} gives {@code o}. */
    public PatientPoint lerp(PatientPoint o, double t) {
        return new PatientPoint(x + (o.x - x) * t, y + (o.y - y) * t, z + (o.z - z) * t);
    }

    public double[] toArray() {
        return new double[] {x, y, z};
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "(%.1f, %.1f, %.1f) mm LPS", x, y, z);
    }
}
