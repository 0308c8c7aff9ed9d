package org.sacroguide.imaging;

import java.util.Arrays;

/**
 * An immutable 3-D affine map {@code p = M * v + t}, stored as a 3x4 row-major matrix. In SacroGuide it
 * maps continuous voxel indices (column i, row j, slice k; voxel centres at integers) to DICOM patient
 * coordinates (LPS, mm). The columns of M are the voxel axes' directions scaled by their spacing.
 */
public final class Affine {

    private final double[] m; // 12 values, row-major 3x4

    private Affine(double[] m) {
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine has a non-finite entry: " + Arrays.toString(m));
            }
        }
        this.m = m;
    }

    /** From 12 row-major values (3 rows of 4). */
    public static Affine ofRowMajor(double... values) {
        if (values.length != 12) {
            throw new IllegalArgumentException("an affine needs 12 values, got " + values.length);
        }
        return new Affine(values.clone());
    }

    /**
     * From direction cosines and spacing: voxel axis a (0 = column i, 1 = row j, 2 = slice k) points along
     * the unit vector {@code axes[a]} in patient space and is {@code spacingMm[a]} long; voxel (0,0,0) sits
     * at {@code origin}.
     */
    public static Affine of(PatientPoint origin, PatientPoint[] axes, double[] spacingMm) {
        double[] v = new double[12];
        for (int a = 0; a < 3; a++) {
            PatientPoint d = axes[a].unit().times(spacingMm[a]);
            v[a] = d.x();
            v[4 + a] = d.y();
            v[8 + a] = d.z();
        }
        v[3] = origin.x();
        v[7] = origin.y();
        v[11] = origin.z();
        return new Affine(v);
    }

    public static Affine scaling(double sx, double sy, double sz, PatientPoint origin) {
        return ofRowMajor(sx, 0, 0, origin.x(), 0, sy, 0, origin.y(), 0, 0, sz, origin.z());
    }

    public double get(int row, int col) {
        return m[row * 4 + col];
    }

    public double[] toRowMajor() {
        return m.clone();
    }

    public PatientPoint apply(double i, double j, double k) {
        return new PatientPoint(
                m[0] * i + m[1] * j + m[2] * k + m[3],
                m[4] * i + m[5] * j + m[6] * k + m[7],
                m[8] * i + m[9] * j + m[10] * k + m[11]);
    }

    public PatientPoint apply(PatientPoint v) {
        return apply(v.x(), v.y(), v.z());
    }

    /** The linear part only (no translation): maps a voxel-index step to a patient displacement. */
    public PatientPoint applyLinear(double i, double j, double k) {
        return new PatientPoint(
                m[0] * i + m[1] * j + m[2] * k, m[4] * i + m[5] * j + m[6] * k, m[8] * i + m[9] * j + m[10] * k);
    }

    /** Column {@code a} of the linear part: the patient displacement of one step along voxel axis a. */
    public PatientPoint axis(int a) {
        return new PatientPoint(m[a], m[4 + a], m[8 + a]);
    }

    public PatientPoint translation() {
        return new PatientPoint(m[3], m[7], m[11]);
    }

    /** Length in mm of one step along voxel axis a. */
    public double spacingMm(int a) {
        return axis(a).normMm();
    }

    public double determinant() {
        return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
                + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /** The inverse map (patient to voxel); refuses a singular matrix. */
    public Affine inverse() {
        double det = determinant();
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("affine is singular (determinant " + det + ")");
        }
        double[] r = new double[12];
        r[0] = (m[5] * m[10] - m[6] * m[9]) / det;
        r[1] = (m[2] * m[9] - m[1] * m[10]) / det;
        r[2] = (m[1] * m[6] - m[2] * m[5]) / det;
        r[4] = (m[6] * m[8] - m[4] * m[10]) / det;
        r[5] = (m[0] * m[10] - m[2] * m[8]) / det;
        r[6] = (m[2] * m[4] - m[0] * m[6]) / det;
        r[8] = (m[4] * m[9] - m[5] * m[8]) / det;
        r[9] = (m[1] * m[8] - m[0] * m[9]) / det;
        r[10] = (m[0] * m[5] - m[1] * m[4]) / det;
        r[3] = -(r[0] * m[3] + r[1] * m[7] + r[2] * m[11]);
        r[7] = -(r[4] * m[3] + r[5] * m[7] + r[6] * m[11]);
        r[11] = -(r[8] * m[3] + r[9] * m[7] + r[10] * m[11]);
        return new Affine(r);
    }

    /** {@code this} after {@code first}: x -> this(first(x)). */
    public Affine compose(Affine first) {
        double[] r = new double[12];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                double s = col == 3 ? m[row * 4 + 3] : 0;
                for (int k = 0; k < 3; k++) {
                    s += m[row * 4 + k] * first.m[k * 4 + col];
                }
                r[row * 4 + col] = s;
            }
        }
        return new Affine(r);
    }

    /** True when every entry differs by at most {@code tol}. */
    public boolean approximatelyEquals(Affine o, double tol) {
        for (int n = 0; n < 12; n++) {
            if (Math.abs(m[n] - o.m[n]) > tol) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(m, a.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Affine" + Arrays.toString(m);
    }
}
