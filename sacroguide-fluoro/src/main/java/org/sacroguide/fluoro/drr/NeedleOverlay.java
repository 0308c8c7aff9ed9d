package org.sacroguide.fluoro.drr;

import java.util.List;
import java.util.stream.IntStream;
import org.sacroguide.fluoro.Needle;
import org.sacroguide.imaging.PatientPoint;

/**
 * Draws needles into radiographs as solid steel cylinders from tip to skin entry: the exact chord of every
 * detector ray through each cylinder times steel's attenuation ({@link AttenuationModel#STEEL_60KEV}), added
 * to the tissue's line integral (the few millimetres of tissue the needle displaces are not subtracted).
 */
public final class NeedleOverlay {

    private NeedleOverlay() {
    }

    /** The needles' own line integrals on this geometry's detector. */
    public static Radiograph render(DrrGeometry g, List<Needle> needles) {
        int w = g.columns();
        int h = g.rows();
        float[] out = new float[w * h];
        PatientPoint s = g.sourceLps();
        IntStream.range(0, h).parallel().forEach(r -> {
            for (int c = 0; c < w; c++) {
                PatientPoint d = g.pixelCentreLps(c, r).minus(s);
                double sum = 0;
                for (Needle n : needles) {
                    sum += chordMm(s, d, n.tipLps(), n.skinEntryLps(), n.outerDiameterMm() / 2);
                }
                out[r * w + c] = (float) (sum * AttenuationModel.STEEL_60KEV);
            }
        });
        return new Radiograph(w, h, out);
    }

    /** Length (mm) of the segment s + t d, t in [0, 1], inside the finite cylinder from a to b of radius rho. */
    static double chordMm(PatientPoint s, PatientPoint d, PatientPoint a, PatientPoint b, double rho) {
        PatientPoint axis = b.minus(a);
        double len = axis.normMm();
        PatientPoint u = axis.times(1 / len);
        PatientPoint m = s.minus(a);
        double mu = m.dot(u);
        double du = d.dot(u);
        PatientPoint w0 = m.minus(u.times(mu));
        PatientPoint wd = d.minus(u.times(du));
        double qa = wd.dot(wd);
        double qb = 2 * w0.dot(wd);
        double qc = w0.dot(w0) - rho * rho;
        double t0;
        double t1;
        if (qa < 1e-18) {
            if (qc > 0) {
                return 0;
            }
            t0 = Double.NEGATIVE_INFINITY;
            t1 = Double.POSITIVE_INFINITY;
        } else {
            double disc = qb * qb - 4 * qa * qc;
            if (disc <= 0) {
                return 0;
            }
            double sq = Math.sqrt(disc);
            t0 = (-qb - sq) / (2 * qa);
            t1 = (-qb + sq) / (2 * qa);
        }
        if (Math.abs(du) > 1e-18) {
            double ta = (0 - mu) / du;
            double tb = (len - mu) / du;
            t0 = Math.max(t0, Math.min(ta, tb));
            t1 = Math.min(t1, Math.max(ta, tb));
        } else if (mu < 0 || mu > len) {
            return 0;
        }
        t0 = Math.max(t0, 0);
        t1 = Math.min(t1, 1);
        return t1 > t0 ? (t1 - t0) * d.normMm() : 0;
    }
}
