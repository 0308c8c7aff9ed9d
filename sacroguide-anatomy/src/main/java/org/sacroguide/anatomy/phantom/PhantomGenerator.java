package org.sacroguide.anatomy.phantom;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.sacroguide.anatomy.AlaDensity;
import org.sacroguide.anatomy.DenisZone;
import org.sacroguide.anatomy.Detection;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.FractureCandidate;
import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.Plane;
import org.sacroguide.anatomy.PlaneFit;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SacrumModel.PartFlags;
import org.sacroguide.anatomy.SiJoint;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Builds synthetic pelvis CTs with exact ground truth (see {@link PelvisShape} for the anatomy). Labels
 * are taken at each voxel centre; HU are averaged over sub-samples on coarse grids (partial volume, so a
 * 2 mm joint gap fades at 3 mm as on a real scan), then trabecular texture and Gaussian noise are added,
 * seeded so that the same spec always gives the same phantom. Uses all cores; a 3 mm phantom takes a few
 * tens of milliseconds, a 0.7 mm one a few seconds.
 */
public final class PhantomGenerator {

    private static final double[] HU_NORMAL = {-1000, -95, 50, -950, 30, 45, 90, -40, -50, 900, 900, 260, 25, 950,
        230, 850, 220, 3000};
    private static final double[] HU_OSTEOPOROTIC = {-1000, -95, 50, -950, 30, 45, 90, -40, -50, 480, 480, 75, 25,
        550, 100, 500, 90, 3000};
    private static final double TRABECULAR_TEXTURE_SD_HU = 35;

    private PhantomGenerator() {
    }

    public static Phantom generate(PhantomSpec spec) {
        PelvisShape shape = new PelvisShape(spec);
        VoxelGrid grid = grid(spec);
        int nx = grid.columns();
        int ny = grid.rows();
        int nz = grid.slices();
        Affine a = grid.voxelToPatient();
        double[] xs = new double[nx];
        double[] ys = new double[ny];
        double[] zs = new double[nz];
        for (int i = 0; i < nx; i++) {
            xs[i] = a.apply(i, 0, 0).x();
        }
        for (int j = 0; j < ny; j++) {
            ys[j] = a.apply(0, j, 0).y();
        }
        for (int k = 0; k < nz; k++) {
            zs[k] = a.apply(0, 0, k).z();
        }
        int subXy = Math.max(1, (int) Math.ceil(spec.pixelSpacingMm() / 1.5 - 1e-9));
        int subZ = Math.max(1, (int) Math.ceil(spec.sliceSpacingMm() / 1.5 - 1e-9));
        double[] hu = spec.osteoporosis() ? HU_OSTEOPOROTIC : HU_NORMAL;
        short[] ct = new short[grid.voxelCount()];
        byte[] labels = new byte[grid.voxelCount()];
        byte[] tissue = new byte[grid.voxelCount()];
        double px = spec.pixelSpacingMm();
        double pz = spec.sliceSpacingMm();
        IntStream.range(0, nz).parallel().forEach(k -> {
            Random noise = new Random(spec.seed() * 1_000_003L + k);
            for (int j = 0; j < ny; j++) {
                int base = grid.index(0, j, k);
                for (int i = 0; i < nx; i++) {
                    int c = shape.classify(xs[i], ys[j], zs[k]);
                    int t = c >> 5;
                    labels[base + i] = (byte) (c & 31);
                    tissue[base + i] = (byte) t;
                    double v;
                    if (subXy == 1 && subZ == 1) {
                        v = hu[t];
                    } else {
                        double sum = 0;
                        for (int sz = 0; sz < subZ; sz++) {
                            double z = zs[k] + ((sz + 0.5) / subZ - 0.5) * pz;
                            for (int sy = 0; sy < subXy; sy++) {
                                double y = ys[j] + ((sy + 0.5) / subXy - 0.5) * px;
                                for (int sx = 0; sx < subXy; sx++) {
                                    double x = xs[i] + ((sx + 0.5) / subXy - 0.5) * px;
                                    sum += hu[shape.classify(x, y, z) >> 5];
                                }
                            }
                        }
                        v = sum / (subXy * subXy * subZ);
                    }
                    if (t == PelvisShape.SACRUM_TRABECULAR || t == PelvisShape.ILIUM_TRABECULAR
                            || t == PelvisShape.VERTEBRA_TRABECULAR) {
                        v += noise.nextGaussian() * TRABECULAR_TEXTURE_SD_HU;
                    }
                    if (t != PelvisShape.AIR) {
                        v += noise.nextGaussian() * spec.noiseSdHu();
                    }
                    ct[base + i] = (short) Math.max(-1024, Math.min(3071, Math.round(v)));
                }
            }
        });
        CtVolume volume = new CtVolume(grid, ct);
        LabelMap truth = new LabelMap(grid, labels);
        SacrumModel model = truthModel(spec, shape, volume, truth, tissue, xs, zs);
        return new Phantom(spec, volume, truth, model);
    }

    static VoxelGrid grid(PhantomSpec spec) {
        double px = spec.pixelSpacingMm();
        double pz = spec.sliceSpacingMm();
        int nx = Math.max(1, (int) Math.round(spec.fovLeftRightMm() / px));
        int ny = Math.max(1, (int) Math.round(spec.fovAnteroPosteriorMm() / px));
        int nz = Math.max(1, (int) Math.round(spec.fovCraniocaudalMm() / pz));
        double hx = (nx - 1) / 2.0 * px;
        double hy = (ny - 1) / 2.0 * px;
        double hz = (nz - 1) / 2.0 * pz;
        PatientPoint[] axes;
        PatientPoint origin;
        if (spec.orientation() == PhantomSpec.PatientOrientation.PRONE) {
            axes = new PatientPoint[] {new PatientPoint(-1, 0, 0), new PatientPoint(0, -1, 0), new PatientPoint(0, 0, 1)};
            origin = new PatientPoint(hx, hy, spec.craniocaudalShiftMm() - hz);
        } else {
            axes = new PatientPoint[] {new PatientPoint(1, 0, 0), new PatientPoint(0, 1, 0), new PatientPoint(0, 0, 1)};
            origin = new PatientPoint(-hx, -hy, spec.craniocaudalShiftMm() - hz);
        }
        return new VoxelGrid(nx, ny, nz, Affine.of(origin, axes, new double[] {px, px, pz}));
    }

    private static SacrumModel truthModel(PhantomSpec spec, PelvisShape shape, CtVolume ct, LabelMap truth,
                                          byte[] tissue, double[] xs, double[] zs) {
        VoxelGrid g = truth.grid();
        int nx = g.columns();
        int ny = g.rows();
        byte[] lab = truth.labelArray();
        byte[] flags = new byte[lab.length];
        short[] hu = ct.huArray();
        double zS2 = shape.foramenZ[1];
        double[] sum = new double[2];
        double[] sum2 = new double[2];
        int[] cnt = new int[2];
        for (int n = 0; n < lab.length; n++) {
            if (lab[n] != Structure.SACRUM.label()) {
                continue;
            }
            int t = tissue[n];
            int f = 0;
            if (t == PelvisShape.SACRUM_CORTEX || t == PelvisShape.SACRUM_ANTERIOR_CORTEX) {
                f |= PartFlags.CORTEX;
            }
            if (t == PelvisShape.SACRUM_ANTERIOR_CORTEX) {
                f |= PartFlags.ANTERIOR_CORTEX;
            }
            if (t == PelvisShape.SACRUM_TRABECULAR || t == PelvisShape.FRACTURE) {
                f |= PartFlags.TRABECULAR;
            }
            int i = n % nx;
            int k = n / (nx * ny);
            double x = xs[i] - shape.xShift;
            if (Math.abs(x) >= shape.alaMedialMm && zs[k] >= zS2) {
                f |= x > 0 ? PartFlags.ALA_LEFT : PartFlags.ALA_RIGHT;
                if (t == PelvisShape.SACRUM_TRABECULAR) {
                    int s = x > 0 ? 0 : 1;
                    sum[s] += hu[n];
                    sum2[s] += (double) hu[n] * hu[n];
                    cnt[s]++;
                }
            }
            flags[n] = (byte) f;
        }
        Map<Side, AlaDensity> density = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            int s = side == Side.LEFT ? 0 : 1;
            if (cnt[s] > 0) {
                double mean = sum[s] / cnt[s];
                double sd = Math.sqrt(Math.max(0, sum2[s] / cnt[s] - mean * mean));
                density.put(side, new AlaDensity(side, mean, sd, cnt[s]));
            }
        }
        double zMid = shape.zTop - shape.length / 2;
        Plane mid = new Plane(new PatientPoint(shape.xShift, shape.yc(zMid), zMid), new PatientPoint(1, 0, 0));
        int[] counts = new int[32];
        for (byte b : lab) {
            counts[b & 31]++;
        }
        List<Foramen> foramina = new ArrayList<>();
        Map<Structure, Detection> detections = new EnumMap<>(Structure.class);
        for (Structure s : Structure.values()) {
            detections.put(s, counts[s.label()] > 0 ? Detection.found(1)
                    : Detection.notFound(s.jsonName() + " lies outside the field of view"));
        }
        for (int l = 0; l < 4; l++) {
            for (Side side : Side.values()) {
                SacralLevel level = SacralLevel.values()[l];
                Structure st = Structure.foramen(level, side);
                double x = side.lpsXSign() * shape.foramenX[l] + shape.xShift;
                double z = shape.foramenZ[l];
                double half = Math.abs(shape.sacralHalfWidthAt(shape.yc(z), z)) > 0
                        ? shape.halfThickness(shape.t(z)) : 0;
                List<PatientPoint> line = new ArrayList<>();
                for (double y = shape.yc(z) - half; y <= shape.yc(z) + half + 1e-9; y += 2) {
                    line.add(new PatientPoint(x, y, z));
                }
                foramina.add(new Foramen(level, side, new PatientPoint(x, shape.yc(z), z), line, detections.get(st)));
            }
        }
        Map<Side, SiJoint> joints = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            List<PatientPoint> pts = shape.jointSurface(side, 1.5);
            joints.put(side, new SiJoint(side, pts, PlaneFit.fit(pts), Detection.found(1)));
        }
        List<FractureCandidate> fractures = new ArrayList<>();
        double fz0 = shape.foramenZ[2] - 5;
        double fzc = (fz0 + shape.zTop) / 2;
        for (Side side : Side.values()) {
            if (shape.inFracture(side.lpsXSign() * shape.fractureXMm, shape.fractureXMm, fzc)) {
                fractures.add(new FractureCandidate(side, DenisZone.I, FractureCandidate.Kind.LOW_DENSITY_BAND,
                        new PatientPoint(side.lpsXSign() * shape.fractureXMm + shape.xShift, shape.yc(fzc), fzc),
                        shape.zTop - fz0, 1));
            }
        }
        List<String> warnings = new ArrayList<>();
        if (spec.metalHip()) {
            warnings.add("metal (hip prosthesis) in the field of view");
        }
        if (spec.osteoporosis()) {
            warnings.add("very low trabecular bone density in the sacral ala");
        }
        return new SacrumModel(truth, flags, mid, foramina, joints, density, fractures, detections, warnings);
    }
}
