package org.sacroguide.anatomy.segment;

import java.util.List;
import java.util.Random;
import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.SiJoint;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.imaging.PatientPoint;

/** Overlap and distance measures shared by the segmentation tests. */
final class Measures {

    private Measures() {
    }

    /**
     * The spec of acceptance phantom {@code seed}: spacing 0.7-3 mm, osteoporosis, fracture lines and
     * position drawn from the seed (the "random seeds"), the same for every test that names it.
     */
    static PhantomSpec acceptancePhantom(int seed) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 12345);
        double spacing = 0.7 + 2.3 * r.nextDouble();
        return PhantomSpec.of(seed, spacing).withOsteoporosis(r.nextBoolean())
                .withFractures(PhantomSpec.FractureLines.values()[r.nextInt(5)])
                .withOrientation(r.nextInt(4) == 0 ? PhantomSpec.PatientOrientation.PRONE
                        : PhantomSpec.PatientOrientation.SUPINE);
    }

    static double dice(byte[] a, int labelA, byte[] b, int labelB) {
        long both = 0;
        long na = 0;
        long nb = 0;
        for (int n = 0; n < a.length; n++) {
            boolean p = (a[n] & 0xff) == labelA;
            boolean q = (b[n] & 0xff) == labelB;
            na += p ? 1 : 0;
            nb += q ? 1 : 0;
            both += p && q ? 1 : 0;
        }
        return na + nb == 0 ? 1 : 2.0 * both / (na + nb);
    }

    /** {voxels of {@code label} in {@code ours}, those of them outside the reference mask (in its holes)}. */
    static int[] inReferenceHoles(byte[] ours, int label, byte[] ref) {
        int count = 0;
        int inHoles = 0;
        for (int n = 0; n < ours.length; n++) {
            if (ours[n] == label) {
                count++;
                inHoles += ref[n] == 0 ? 1 : 0;
            }
        }
        return new int[] {count, inHoles};
    }

    /** Mean distance (mm) from each found joint point to the nearest ground-truth joint point. */
    static double meanJointDistanceMm(SiJoint found, SiJoint truth) {
        List<PatientPoint> t = truth.surfacePoints();
        double sum = 0;
        for (PatientPoint p : found.surfacePoints()) {
            double best = Double.MAX_VALUE;
            for (PatientPoint q : t) {
                best = Math.min(best, p.distanceMm(q));
            }
            sum += best;
        }
        return sum / Math.max(1, found.surfacePoints().size());
    }

    static int labelAt(LabelMap m, PatientPoint p) {
        PatientPoint v = m.grid().patientToVoxel().apply(p);
        int i = (int) Math.round(v.x());
        int j = (int) Math.round(v.y());
        int k = (int) Math.round(v.z());
        return m.grid().contains(i, j, k) ? m.labelAt(i, j, k) : -1;
    }
}
