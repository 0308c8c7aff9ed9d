package org.sacroguide.planning.realct;

import org.sacroguide.imaging.TestData;
import java.util.ArrayList;
import java.util.List;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.nifti.NiftiReader;
import org.sacroguide.planning.NeedlePlan;

/**
 * The bundled TotalSegmentator reference masks of the demo CT, used only to measure the planner (never to
 * plan): inside-mask tests along a needle, surface clearance to a mask, and the reference SI joint line on
 * an axial slice (a straight line fitted through the sacral voxels that touch the hip mask).
 */
final class ReferenceMasks {

    private ReferenceMasks() {
    }

    static NiftiReader.Labels read(String name) throws CtInputException {
        return NiftiReader.readLabels(TestData.demo(name + ".nii.gz"));
    }

    static boolean inside(NiftiReader.Labels m, PatientPoint p) {
        VoxelGrid g = m.grid();
        PatientPoint v = g.patientToVoxel().apply(p);
        int i = (int) Math.round(v.x());
        int j = (int) Math.round(v.y());
        int k = (int) Math.round(v.z());
        return g.contains(i, j, k) && m.labels()[g.index(i, j, k)] != 0;
    }

    /** Smallest distance (mm) from the needle's outer surface, skin to tip, to the mask's voxels, minus half a voxel. */
    static double clearanceMm(NiftiReader.Labels m, NeedlePlan n) {
        VoxelGrid g = m.grid();
        double[] sp = g.spacingMm();
        double half = 0.5 * Math.max(sp[0], Math.max(sp[1], sp[2]));
        PatientPoint a = n.skinEntryLps();
        PatientPoint v = n.targetLps().minus(a);
        double vv = v.dot(v);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if (m.labels()[g.index(i, j, k)] == 0) {
                        continue;
                    }
                    PatientPoint p = g.voxelCentre(i, j, k).minus(a);
                    double t = Math.max(0, Math.min(1, p.dot(v) / vv));
                    best = Math.min(best, p.minus(v.times(t)).normMm());
                }
            }
        }
        return best - half - n.gauge().outerRadiusMm();
    }

    /**
     * Unit direction (x, y) in the axial plane of the reference SI joint line on the slice nearest to
     * {@code zMm} (widened by one slice each way until at least 6 points are found): a total-least-squares
     * line through the sacrum voxels that have a voxel of this side's hip mask within one voxel in the slice.
     */
    static double[] jointLine(NiftiReader.Labels sacrum, NiftiReader.Labels hip, double zMm) {
        VoxelGrid g = sacrum.grid();
        int kc = (int) Math.round(g.patientToVoxel().apply(new PatientPoint(0, 0, zMm)).z());
        for (int widen = 0; widen <= 3; widen++) {
            List<double[]> pts = new ArrayList<>();
            for (int k = Math.max(0, kc - widen); k <= Math.min(g.slices() - 1, kc + widen); k++) {
                for (int j = 1; j < g.rows() - 1; j++) {
                    for (int i = 1; i < g.columns() - 1; i++) {
                        if (sacrum.labels()[g.index(i, j, k)] == 0) {
                            continue;
                        }
                        boolean touches = false;
                        for (int dj = -1; dj <= 1 && !touches; dj++) {
                            for (int di = -1; di <= 1; di++) {
                                if (hip.labels()[g.index(i + di, j + dj, k)] != 0) {
                                    touches = true;
                                    break;
                                }
                            }
                        }
                        if (touches) {
                            PatientPoint p = g.voxelCentre(i, j, k);
                            pts.add(new double[] {p.x(), p.y()});
                        }
                    }
                }
            }
            if (pts.size() >= 6) {
                return principalDirection(pts);
            }
        }
        throw new IllegalStateException("no reference SI joint boundary near z = " + zMm);
    }

    private static double[] principalDirection(List<double[]> pts) {
        double mx = 0;
        double my = 0;
        for (double[] p : pts) {
            mx += p[0];
            my += p[1];
        }
        mx /= pts.size();
        my /= pts.size();
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (double[] p : pts) {
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        double theta = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        return new double[] {Math.cos(theta), Math.sin(theta)};
    }

    /** Angle in degrees (0-90) between the needle's axial projection and an axial line direction. */
    static double axialAngleDeg(NeedlePlan n, double[] line) {
        PatientPoint d = n.trajectory().direction();
        double len = Math.hypot(d.x(), d.y());
        double c = Math.abs((d.x() * line[0] + d.y() * line[1]) / len);
        return Math.toDegrees(Math.acos(Math.min(1, c)));
    }
}
