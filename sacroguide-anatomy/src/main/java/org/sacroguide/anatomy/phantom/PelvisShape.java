package org.sacroguide.anatomy.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.PatientPoint;

/**
 * The analytic pelvis behind a phantom, in patient coordinates (LPS, mm) with the sacrum's mid-line near
 * x = 0: a curved sacrum whose axial cross-sections are a superellipse (body and ala) plus an elliptic
 * vertebral body, a central canal, four pairs of foramina (cylinders along the antero-posterior axis), both
 * ilia whose medial face follows the sacral surface at a fixed joint gap, L5 and L4 with their discs, soft
 * tissue, bowel loops and iliac vessels. {@link #classify} answers, for one point, the tissue and the
 * ground-truth label; the seed varies sizes and positions by a few millimetres.
 */
final class PelvisShape {

    // Tissue codes (index into the HU tables of PhantomGenerator).
    static final int AIR = 0;
    static final int FAT = 1;
    static final int MUSCLE = 2;
    static final int GAS = 3;
    static final int BOWEL_WALL = 4;
    static final int VESSEL = 5;
    static final int DISC = 6;
    static final int CANAL = 7;
    static final int FORAMEN = 8;
    static final int SACRUM_CORTEX = 9;
    static final int SACRUM_ANTERIOR_CORTEX = 10;
    static final int SACRUM_TRABECULAR = 11;
    static final int FRACTURE = 12;
    static final int ILIUM_CORTEX = 13;
    static final int ILIUM_TRABECULAR = 14;
    static final int VERTEBRA_CORTEX = 15;
    static final int VERTEBRA_TRABECULAR = 16;
    static final int METAL = 17;
    static final int TISSUES = 18;

    /** Cortical thickness of the sacrum, mm. */
    static final double SACRUM_CORTEX_MM = 1.6;
    static final double ILIUM_CORTEX_MM = 2.0;
    /** Width of the SI joint gap between sacral and iliac surfaces, mm. */
    static final double JOINT_GAP_MM = 2.0;
    /** Part of the sacrum's length (from its tip) where the SI joint begins. */
    static final double JOINT_START_T = 0.45;
    /** Ala: sacrum lateral to this |x| (mm from the mid-line) and cranial to the S2 foramina. */
    final double alaMedialMm;

    static final double[] FORAMEN_T = {0.82, 0.60, 0.40, 0.22};

    final double xShift;
    final double zTop;
    final double length;
    final double wTop;
    final double wBottom = 14;
    final double hTop;
    final double hBottom = 8;
    final double y0;
    final double curveA = 0.9;
    final double curveB;
    final double[] foramenX = new double[4];
    final double[] foramenZ = new double[4];
    final double[] foramenR = new double[4];
    final PhantomSpec.FractureLines fractures;
    final double fractureXMm;
    final double hLineZ;
    final boolean metal;
    final double[][] bowel; // cx, cy, cz, rx, ry, rz
    // L5 geometry
    final double discMm = 9;
    final double vertebraHeightMm = 27;
    final double l5Y;
    final double l5CanalY;
    final double l5R = 25;
    final double l5H = 17;

    PelvisShape(PhantomSpec spec) {
        Random r = new Random(spec.seed() * 7919L + 17);
        xShift = u(r, -4, 4);
        zTop = 45 + u(r, -3, 3);
        length = 105 + u(r, -5, 5);
        wTop = 55 + u(r, -4, 4);
        hTop = 22 + u(r, -2, 2);
        y0 = -15 + u(r, -3, 3);
        curveB = 0.006 * (1 + u(r, -0.2, 0.2));
        double[] fx = {18, 16, 14, 12};
        double[] fr = {5, 4.5, 3.5, 3};
        for (int l = 0; l < 4; l++) {
            foramenX[l] = fx[l] + u(r, -1, 1);
            foramenR[l] = fr[l] * (1 + u(r, -0.1, 0.1));
            foramenZ[l] = zBottom() + FORAMEN_T[l] * length;
        }
        alaMedialMm = foramenX[0] + foramenR[0] + 1;
        fractures = spec.fractures();
        fractureXMm = foramenX[0] + foramenR[0] + 8;
        hLineZ = (foramenZ[1] + foramenZ[2]) / 2;
        metal = spec.metalHip();
        l5Y = yc(zTop) - 14;
        l5CanalY = yc(zTop) + 0.35 * hTop + 2;
        int nb = 3;
        bowel = new double[nb][];
        for (int b = 0; b < nb; b++) {
            double rx = u(r, 12, 18);
            double ry = u(r, 9, 13);
            double rz = u(r, 15, 25);
            double cz = u(r, zBottom() + 15, zTop + 20);
            double cx = u(r, -30, 30);
            double front = Double.POSITIVE_INFINITY;
            for (double z = cz - rz; z <= cz + rz; z += 1) {
                front = Math.min(front, anteriorSurfaceY(z));
            }
            double cy = Math.min(u(r, -60, -40), front - 6 - ry);
            bowel[b] = new double[] {cx, cy, cz, rx, ry, rz};
        }
    }

    private static double u(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    double zBottom() {
        return zTop - length;
    }

    double t(double z) {
        return (z - zBottom()) / length;
    }

    double halfWidth(double t) {
        return wBottom + (wTop - wBottom) * Math.pow(Math.max(0, t), 1.3);
    }

    double halfThickness(double t) {
        return hBottom + (hTop - hBottom) * t;
    }

    /** Antero-posterior centre of the sacral cross-section at height z (LPS y, mm). */
    double yc(double z) {
        double d = zTop - z;
        return y0 + curveA * d - curveB * d * d;
    }

    double bodyRadius(double t) {
        return 17 + 6 * t;
    }

    double bodyY(double z, double t) {
        return yc(z) - 0.2 * halfThickness(t) * t;
    }

    /** The most anterior y of bone on the mid-line at height z (sacrum, disc or L5), mm. */
    double anteriorSurfaceY(double z) {
        double zc = Math.max(zBottom(), Math.min(zTop, z));
        double t = t(zc);
        double front = bodyY(zc, t) - halfThickness(t);
        if (z > zTop) {
            front = Math.min(front, l5Y - l5H);
        }
        return front;
    }

    /** Lateral half-width of the sacral superellipse at antero-posterior position y, or NaN outside. */
    double sacralHalfWidthAt(double y, double z) {
        double t = t(z);
        double h = halfThickness(t);
        double v = Math.abs(y - yc(z)) / h;
        if (v > 1) {
            return Double.NaN;
        }
        return halfWidth(t) * Math.pow(1 - v * v * v * v, 0.25);
    }

    /** Tissue code * 32 + label for one point (LPS mm). */
    int classify(double xLps, double y, double z) {
        double x = xLps - xShift;
        double ax = Math.abs(x);
        if (metal) {
            double dx = x + 82;
            double dy = y + 15;
            double dz = z - (zBottom() + 2);
            if (dx * dx + dy * dy + dz * dz <= 22 * 22) {
                return pack(METAL, 0);
            }
        }
        double zb = zBottom();
        if (z >= zb && z <= zTop) {
            int s = sacrum(x, ax, y, z);
            if (s >= 0) {
                return s;
            }
        }
        if (z > zTop) {
            int v = vertebrae(x, ax, y, z);
            if (v >= 0) {
                return v;
            }
        }
        int il = ilium(ax, y, z, x > 0 ? Structure.ILIUM_LEFT : Structure.ILIUM_RIGHT);
        if (il >= 0) {
            return il;
        }
        // vessels: iliac artery and vein on each side, anterior to the sacrum
        double front = anteriorSurfaceY(Math.min(z, zTop + 40));
        double spread = Math.max(0, zTop + 20 - z) * 0.25;
        double ya = front - 12;
        double xa = 16 + spread;
        double xv = 30 + spread;
        if (sq(ax - xa) + sq(y - ya) <= 25 || sq(ax - xv) + sq(y - ya + 2) <= 42) {
            return pack(VESSEL, Structure.VESSEL.label());
        }
        for (double[] b : bowel) {
            double e = sq((x - b[0]) / b[3]) + sq((y - b[1]) / b[4]) + sq((z - b[2]) / b[5]);
            if (e <= 1) {
                return pack(e <= 0.55 ? GAS : BOWEL_WALL, Structure.BOWEL.label());
            }
        }
        double body = sq(x / 96) + sq(y / 74);
        if (body > 1) {
            return pack(AIR, 0);
        }
        if (sq(x / 86) + sq(y / 64) > 1) {
            return pack(FAT, 0);
        }
        if (ax < 45 && y > -55 && (y < anteriorSurfaceY(z) - 3
                || z >= zBottom() && z <= zTop && y < yc(z))) {
            return pack(FAT, 0);
        }
        return pack(MUSCLE, 0);
    }

    private int sacrum(double x, double ax, double y, double z) {
        double t = t(z);
        double w = halfWidth(t);
        double h = halfThickness(t);
        double ycz = yc(z);
        double dy = y - ycz;
        double rb = bodyRadius(t);
        double yb = bodyY(z, t);
        double c = SACRUM_CORTEX_MM;
        double wing = p4(ax / w) + p4(dy / h);
        double body = sq(x / rb) + sq((y - yb) / h);
        if (wing > 1 && body > 1) {
            return -1;
        }
        // canal
        if (t >= 0.12) {
            double cw = 4 + 7 * t;
            double cd = 2 + 4.5 * t;
            double cy = ycz + 0.35 * h;
            double e = sq(x / cw) + sq((y - cy) / cd);
            if (e <= 1) {
                return pack(CANAL, Structure.SACRAL_CANAL.label());
            }
            if (sq(x / (cw + c)) + sq((y - cy) / (cd + c)) <= 1) {
                return pack(SACRUM_CORTEX, Structure.SACRUM.label());
            }
        }
        for (int l = 0; l < 4; l++) {
            double d2 = sq(ax - foramenX[l]) + sq(z - foramenZ[l]);
            double rf = foramenR[l];
            if (d2 <= rf * rf) {
                Side side = x > 0 ? Side.LEFT : Side.RIGHT;
                return pack(FORAMEN, Structure.foramen(SacralLevel.values()[l], side).label());
            }
            if (d2 <= sq(rf + c)) {
                return pack(SACRUM_CORTEX, Structure.SACRUM.label());
            }
        }
        if (inFracture(x, ax, z)) {
            return pack(FRACTURE, Structure.SACRUM.label());
        }
        boolean endplate = z > zTop - c || z < zBottom() + c;
        boolean inner = !endplate && (p4(ax / (w - c)) + p4(dy / (h - c)) <= 1
                || sq(x / (rb - c)) + sq((y - yb) / (h - c)) <= 1);
        if (inner) {
            return pack(SACRUM_TRABECULAR, Structure.SACRUM.label());
        }
        boolean anterior = !endplate && y < ycz;
        return pack(anterior ? SACRUM_ANTERIOR_CORTEX : SACRUM_CORTEX, Structure.SACRUM.label());
    }

    boolean inFracture(double x, double ax, double z) {
        double half = 1.0;
        boolean left = fractures == PhantomSpec.FractureLines.UNILATERAL_LEFT
                || fractures == PhantomSpec.FractureLines.BILATERAL || fractures == PhantomSpec.FractureLines.H_SHAPED;
        boolean right = fractures == PhantomSpec.FractureLines.UNILATERAL_RIGHT
                || fractures == PhantomSpec.FractureLines.BILATERAL || fractures == PhantomSpec.FractureLines.H_SHAPED;
        if (z >= foramenZ[2] - 5) {
            if ((x > 0 && left || x < 0 && right) && Math.abs(ax - fractureXMm) <= half) {
                return true;
            }
        }
        return fractures == PhantomSpec.FractureLines.H_SHAPED && Math.abs(z - hLineZ) <= half && ax <= fractureXMm;
    }

    private int vertebrae(double x, double ax, double y, double z) {
        double base = zTop;
        for (int level = 0; level < 2; level++) {
            Structure bone = level == 0 ? Structure.L5 : null;
            Structure disc = level == 0 ? Structure.L5_S1_DISC : null;
            double zDiscTop = base + discMm;
            double zBodyTop = zDiscTop + vertebraHeightMm;
            double body = sq(x / l5R) + sq((y - l5Y) / l5H);
            double canalY = l5CanalY;
            if (sq(x / 11) + sq((y - canalY) / 6) <= 1) {
                return pack(CANAL, 0);
            }
            if (z <= zDiscTop) {
                if (body <= 1) {
                    return pack(DISC, disc == null ? 0 : disc.label());
                }
                return -1;
            }
            if (z <= zBodyTop) {
                int label = bone == null ? 0 : bone.label();
                if (body <= 1) {
                    double c = 1.5;
                    boolean inner = z > zDiscTop + c && z < zBodyTop - c
                            && sq(x / (l5R - c)) + sq((y - l5Y) / (l5H - c)) <= 1;
                    return pack(inner ? VERTEBRA_TRABECULAR : VERTEBRA_CORTEX, label);
                }
                double canal = sq(x / 11) + sq((y - canalY) / 6);
                double arch = sq(x / 16) + sq((y - canalY) / 12);
                double zMid = (zDiscTop + zBodyTop) / 2;
                if (canal <= 1) {
                    return pack(CANAL, 0);
                }
                if (arch <= 1 && y >= l5Y + l5H - 3) {
                    return pack(VERTEBRA_CORTEX, label);
                }
                if (ax >= 14 && ax <= 46 && Math.abs(y - (l5Y + l5H + 3)) <= 5 && Math.abs(z - zMid) <= 7) {
                    return pack(VERTEBRA_CORTEX, label);
                }
                if (ax <= 4 && y > canalY + 10 && y < canalY + 34 && Math.abs(z - zMid) <= 10) {
                    return pack(VERTEBRA_CORTEX, label);
                }
                return -1;
            }
            base = zBodyTop;
        }
        return -1;
    }

    /** Medial face |x| of the ilium at (y, z), or NaN where the ilium has no joint-facing part. */
    double iliumMedialX(double y, double z) {
        double t = t(z);
        double zj0 = zBottom() + JOINT_START_T * length;
        if (z > zTop) {
            double h = hTop;
            double v = Math.abs(y - yc(zTop)) / h;
            if (v > 0.92) {
                return Double.NaN;
            }
            return wTop * Math.pow(1 - p4(v), 0.25) + JOINT_GAP_MM + 0.5 * (z - zTop);
        }
        double h = halfThickness(Math.max(t, JOINT_START_T));
        double v = Math.abs(y - yc(z)) / h;
        if (v > 0.92) {
            return Double.NaN;
        }
        double wAt = halfWidth(Math.max(t, JOINT_START_T)) * Math.pow(1 - p4(v), 0.25);
        if (t >= JOINT_START_T) {
            return wAt + JOINT_GAP_MM;
        }
        return wAt + JOINT_GAP_MM + 1.0 * (zj0 - z);
    }

    private int ilium(double ax, double y, double z, Structure label) {
        double thick = 13;
        double ci = ILIUM_CORTEX_MM;
        double xm = iliumMedialX(y, z);
        boolean in = false;
        boolean inner = false;
        if (!Double.isNaN(xm) && ax >= xm && ax <= xm + thick) {
            in = true;
            double xmIn = Double.isNaN(iliumMedialX(y + ci, z)) || Double.isNaN(iliumMedialX(y - ci, z)) ? Double.NaN : xm;
            inner = !Double.isNaN(xmIn) && ax >= xm + ci && ax <= xm + thick - ci;
        }
        if (t(z) >= 0.55) {
            double zc = Math.min(z, zTop);
            double w = halfWidth(Math.min(1, t(z))) + (z > zTop ? 0.5 * (z - zTop) : 0);
            double ay = yc(zc) - 0.6 * halfThickness(Math.min(1, t(z)));
            double axx = w + JOINT_GAP_MM + 6;
            double d = segmentDistance(ax, y, axx, ay, axx + 45, ay - 35);
            if (d <= 6) {
                in = true;
                inner |= d <= 6 - ci;
            }
        }
        if (!in) {
            return -1;
        }
        if (sq(ax / 90) + sq(y / 68) > 1) {
            return -1;
        }
        return pack(inner ? ILIUM_TRABECULAR : ILIUM_CORTEX, label.label());
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double vx = bx - ax;
        double vy = by - ay;
        double s = ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy);
        s = Math.max(0, Math.min(1, s));
        return Math.hypot(px - ax - s * vx, py - ay - s * vy);
    }

    /** Dense points on the sacral side of the SI joint surface (LPS mm), about every {@code stepMm}. */
    List<PatientPoint> jointSurface(Side side, double stepMm) {
        List<PatientPoint> pts = new ArrayList<>();
        double zj0 = zBottom() + JOINT_START_T * length;
        for (double z = zj0; z <= zTop - SACRUM_CORTEX_MM; z += stepMm) {
            double h = halfThickness(t(z));
            for (double y = yc(z) - 0.92 * h; y <= yc(z) + 0.92 * h; y += stepMm) {
                double w = sacralHalfWidthAt(y, z);
                if (!Double.isNaN(w)) {
                    pts.add(new PatientPoint(side.lpsXSign() * w + xShift, y, z));
                }
            }
        }
        return pts;
    }

    static int pack(int tissue, int label) {
        return tissue * 32 + label;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double p4(double v) {
        double s = v * v;
        return s * s;
    }
}
