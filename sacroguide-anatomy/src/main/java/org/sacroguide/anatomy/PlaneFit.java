package org.sacroguide.anatomy;

import java.util.List;
import org.sacroguide.imaging.PatientPoint;

/**
 * Least-squares plane through points (LPS, mm): the centroid and the eigenvector of the smallest eigenvalue
 * of the points' scatter matrix, found with a cyclic Jacobi rotation (exact for 3 x 3 symmetric matrices).
 * Also gives the root-mean-square distance of the points from the plane.
 */
public final class PlaneFit {

    private PlaneFit() {
    }

    /** The fitted plane; the normal's sign is chosen so that it points towards +x when it can. */
    public static Plane fit(List<PatientPoint> points) {
        if (points.size() < 3) {
            throw new IllegalArgumentException("a plane needs at least 3 points, got " + points.size());
        }
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (PatientPoint p : points) {
            cx += p.x();
            cy += p.y();
            cz += p.z();
        }
        int n = points.size();
        cx /= n;
        cy /= n;
        cz /= n;
        double[][] a = new double[3][3];
        for (PatientPoint p : points) {
            double[] d = {p.x() - cx, p.y() - cy, p.z() - cz};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r][c] += d[r] * d[c];
                }
            }
        }
        double[][] v = eigenvectors(a);
        int min = 0;
        for (int k = 1; k < 3; k++) {
            if (a[k][k] < a[min][min]) {
                min = k;
            }
        }
        PatientPoint normal = new PatientPoint(v[0][min], v[1][min], v[2][min]);
        if (normal.x() < 0) {
            normal = normal.times(-1);
        }
        return new Plane(new PatientPoint(cx, cy, cz), normal);
    }

    /** Root-mean-square distance of the points from the plane, mm. */
    public static double rmsDistanceMm(Plane plane, List<PatientPoint> points) {
        double s = 0;
        for (PatientPoint p : points) {
            double d = plane.signedDistanceMm(p);
            s += d * d;
        }
        return Math.sqrt(s / Math.max(1, points.size()));
    }

    /** Diagonalises the symmetric matrix in place (eigenvalues on its diagonal); returns eigenvectors as columns. */
    static double[][] eigenvectors(double[][] a) {
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
            if (off < 1e-12 * (Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]) + 1e-300)) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        return v;
    }
}
