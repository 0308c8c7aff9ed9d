package org.sacroguide.fluoro.cement;

import java.util.ArrayList;
import java.util.List;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.fluoro.FluoroInputException;
import org.sacroguide.fluoro.Needle;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Simulates PMMA spreading from each needle tip as volume is injected: invasion percolation with a stabilising
 * pressure gradient on a 1 mm grid. The next voxel to fill is the front voxel needing the least injection
 * pressure, in relative units {@code xi / sqrt(k) + W r / R (+ E at an exit)}: an entry pressure (Laplace-like,
 * inversely proportional to the pore radius, which scales with the square root of the relative permeability k
 * of {@link Permeability}, times a seeded per-voxel pore-size random number xi in (0, 1]) plus a viscous
 * pressure drop proportional to the distance r from the tip (R = 10 mm, W = {@link #BONE_STABILISATION} /
 * kLocal, kLocal the mean bone permeability around the tip). Bone therefore fills in one order for every
 * cement: along open channels (fracture gaps, veins) first, compactly where the bone is even (Wilkinson and
 * Willemsen 1983). A voxel outside bone (an exit: foramen, canal, vessel, disc, bowel, soft tissue) costs in
 * addition {@code E = EXIT_PENALTY_AT_CROSSOVER + EXIT_PENALTY_PER_DOUBLING x log2(G)}, G = viscosity /
 * (crossover viscosity x permeability scale) the cement's Darcy group: cement thin enough that E < 0 (below
 * half the crossover) is drawn out of the bone as soon as an exit reaches the front; thicker cement keeps
 * filling the bone until the bone ahead costs more than the exit (the capillary-fingering to
 * stable-displacement transition of Lenormand et al. 1988, whose phase diagram is logarithmic in the capillary
 * number). Viscosity rises as the cement cures, and E with it by EXIT_PENALTY_PER_DOUBLING per doubling time.
 * Because the bone's order does not depend on the cement and E only rises with G, the leak comes at the first
 * step at which an exit on the front is cheaper than the next bone voxel, and the volume injected before it can
 * only fall when the viscosity falls or the permeability rises, for every seed (re-pricing the front happens at
 * the same steps for every cement, as it depends on the elapsed time only). Each needle injects in turn until
 * its planned volume or its first extravasation (the paper's stop rule). Deterministic for a seed. A heuristic
 * of the right ordering, not a calibrated flow model.
 */
public final class InjectionSimulator {

    /** Distance scale of viscous stabilisation, mm. */
    static final double STABILISATION_LENGTH_MM = 10;
    /** Radius around the tip over which the mean permeability of the bone (fracture gaps excluded) is taken, mm. */
    static final double LOCAL_PERMEABILITY_RADIUS_MM = 8;

    /**
     * Weight of the stabilising gradient inside bone, times 1 / kLocal: the Darcy group of a cement at 0.3 x
     * the crossover viscosity. Weak enough that open channels (fracture gaps, veins) fill before the bone around
     * them; with 1 a vein or a fracture channel hardly changed the leak volume on the test phantom.
     */
    static final double BONE_STABILISATION = 0.3;
    /**
     * Extra pressure to leave the bone at the crossover (G = 1), in the units of the entry pressure (a pore of
     * xi = 1 in bone of k = 1 costs 1): the intact boundary of the bone holds a medium-viscosity cement.
     */
    static final double EXIT_PENALTY_AT_CROSSOVER = 0.1;
    /** Change of that penalty per doubling of the Darcy group G. */
    static final double EXIT_PENALTY_PER_DOUBLING = 0.1;

    private InjectionSimulator() {
    }

    /**
     * Runs the injection for all needles (in the given order).
     *
     * @param frameStepMl total volume between frames (e.g. 0.5 mL)
     * @param extraGaps fracture channels beyond the model's low-density fracture candidates
     * @throws FluoroInputException for no needles, a needle tip outside the CT or a frame step of 0 or less
     */
    public static InjectionResult run(CtVolume ct, SacrumModel model, List<Needle> needles, CementProperties cement,
                                      double frameStepMl, List<FractureGap> extraGaps) throws FluoroInputException {
        if (needles.isEmpty()) {
            throw new FluoroInputException("the plan has no needles: nothing to inject");
        }
        if (!(frameStepMl > 0)) {
            throw new FluoroInputException("frame step must be a positive volume, was " + frameStepMl + " mL");
        }
        for (Needle n : needles) {
            Needle.of(n.side(), n.tipLps(), n.skinEntryLps(), n.outerDiameterMm(), n.plannedCementMl(), ct.grid());
        }
        SimulationGrid sg = SimulationGrid.build(ct, model, needles, extraGaps);
        VoxelGrid g = sg.grid;
        int nx = g.columns();
        int ny = g.rows();
        int nz = g.slices();
        double voxelMl = g.voxelVolumeMl();
        int[] fill = new int[g.voxelCount()];
        java.util.Arrays.fill(fill, -1);
        boolean[] queued = new boolean[g.voxelCount()];
        List<Extravasation> events = new ArrayList<>();
        List<InjectionResult.NeedleOutcome> outcomes = new ArrayList<>();
        List<InjectionResult.Frame> frames = new ArrayList<>();
        frames.add(new InjectionResult.Frame(0, 0));
        int step = 0;
        double total = 0;
        double nextFrame = frameStepMl;
        MinHeap heap = new MinHeap();
        for (Needle needle : needles) {
            PatientPoint tipV = g.patientToVoxel().apply(needle.tipLps());
            double kLocal = localPermeability(sg, tipV);
            int start = sg.indexNearest(needle.tipLps());
            heap.clear();
            java.util.Arrays.fill(queued, false);
            double boneWeight = BONE_STABILISATION / Math.max(kLocal, 1e-3);
            double group = darcyGroup(cement, 0);
            double exitPenalty = exitPenalty(group);
            double injected = 0;
            InjectionResult.StopReason reason = InjectionResult.StopReason.NO_ROOM;
            if (fill[start] < 0) {
                queued[start] = true;
                heap.push(priority(sg, start, tipV, boneWeight, exitPenalty, cement.seed()), start);
            } else {
                // the tip already lies in cement from an earlier needle: grow from that cement's front
                for (int v = 0; v < fill.length; v++) {
                    if (fill[v] >= 0) {
                        pushNeighbours(sg, v, fill, queued, heap, tipV, boneWeight, exitPenalty, cement.seed());
                    }
                }
            }
            while (heap.size() > 0) {
                double minutes = injected / cement.injectionRateMlPerMin();
                double gNow = darcyGroup(cement, minutes);
                if (Math.abs(gNow - group) > 0.02 * group) {
                    // the step at which this happens depends on the elapsed time only, not on the cement
                    group = gNow;
                    exitPenalty = exitPenalty(group);
                    int[] front = heap.values();
                    heap.clear();
                    for (int v : front) {
                        heap.push(priority(sg, v, tipV, boneWeight, exitPenalty, cement.seed()), v);
                    }
                }
                int v = heap.pop();
                fill[v] = step++;
                injected += voxelMl;
                total += voxelMl;
                while (total >= nextFrame - 1e-9) {
                    frames.add(new InjectionResult.Frame(nextFrame, step));
                    nextFrame += frameStepMl;
                }
                int label = sg.labels[v] & 0xff;
                if (!Permeability.isBone(label)) {
                    events.add(classify(sg, v, fill, needle, injected, total));
                    reason = InjectionResult.StopReason.EXTRAVASATION;
                    break;
                }
                if (injected >= needle.plannedCementMl() - 1e-9) {
                    reason = InjectionResult.StopReason.PLANNED_VOLUME_REACHED;
                    break;
                }
                pushNeighbours(sg, v, fill, queued, heap, tipV, boneWeight, exitPenalty, cement.seed());
            }
            outcomes.add(new InjectionResult.NeedleOutcome(needle.side(), needle.plannedCementMl(), injected, reason));
        }
        if (frames.get(frames.size() - 1).steps() != step) {
            frames.add(new InjectionResult.Frame(total, step));
        }
        assert nx * ny * nz == fill.length;
        return new InjectionResult(g, fill, sg.hu, events, outcomes, voxelMl, frames);
    }

    /** The Darcy group G = viscosity / (crossover viscosity x permeability scale) after {@code minutes}. */
    static double darcyGroup(CementProperties c, double minutes) {
        return c.viscosityPaS(minutes) / (c.crossoverViscosityPaS() * c.permeabilityScale());
    }

    /**
     * The extra pressure to leave the bone, {@code EXIT_PENALTY_AT_CROSSOVER + EXIT_PENALTY_PER_DOUBLING x
     * log2(G)}; negative for cement thin enough.
     */
    static double exitPenalty(double darcyGroup) {
        return EXIT_PENALTY_AT_CROSSOVER + EXIT_PENALTY_PER_DOUBLING * Math.log(darcyGroup) / Math.log(2);
    }

    private static double localPermeability(SimulationGrid sg, PatientPoint tipV) {
        VoxelGrid g = sg.grid;
        int r = (int) Math.ceil(LOCAL_PERMEABILITY_RADIUS_MM / SimulationGrid.SPACING_MM);
        double sum = 0;
        int count = 0;
        int ci = (int) Math.round(tipV.x());
        int cj = (int) Math.round(tipV.y());
        int ck = (int) Math.round(tipV.z());
        for (int k = ck - r; k <= ck + r; k++) {
            for (int j = cj - r; j <= cj + r; j++) {
                for (int i = ci - r; i <= ci + r; i++) {
                    if (!g.contains(i, j, k)) {
                        continue;
                    }
                    double d2 = (i - tipV.x()) * (i - tipV.x()) + (j - tipV.y()) * (j - tipV.y())
                            + (k - tipV.z()) * (k - tipV.z());
                    int v = g.index(i, j, k);
                    if (d2 <= (double) r * r && Permeability.isBone(sg.labels[v] & 0xff) && !sg.inGap[v]) {
                        sum += sg.permeability[v];
                        count++;
                    }
                }
            }
        }
        return count == 0 ? 1 : sum / count;
    }

    private static void pushNeighbours(SimulationGrid sg, int v, int[] fill, boolean[] queued, MinHeap heap,
                                       PatientPoint tipV, double boneWeight, double exitPenalty, long seed) {
        VoxelGrid g = sg.grid;
        int nx = g.columns();
        int nxy = nx * g.rows();
        int i = v % nx;
        int j = (v / nx) % g.rows();
        int k = v / nxy;
        int[] nb = {i > 0 ? v - 1 : -1, i < nx - 1 ? v + 1 : -1, j > 0 ? v - nx : -1, j < g.rows() - 1 ? v + nx : -1,
            k > 0 ? v - nxy : -1, k < g.slices() - 1 ? v + nxy : -1};
        for (int u : nb) {
            if (u >= 0 && fill[u] < 0 && !queued[u] && sg.permeability[u] > 0) {
                queued[u] = true;
                heap.push(priority(sg, u, tipV, boneWeight, exitPenalty, seed), u);
            }
        }
    }

    /**
     * The pressure to fill voxel v: entry {@code xi / sqrt(k)}, the gradient {@code boneWeight r / R}, and for a
     * voxel outside bone the exit penalty.
     */
    static double priority(SimulationGrid sg, int v, PatientPoint tipV, double boneWeight, double exitPenalty,
                           long seed) {
        VoxelGrid g = sg.grid;
        int nx = g.columns();
        int i = v % nx;
        int j = (v / nx) % g.rows();
        int k = v / (nx * g.rows());
        double r = Math.sqrt((i - tipV.x()) * (i - tipV.x()) + (j - tipV.y()) * (j - tipV.y())
                + (k - tipV.z()) * (k - tipV.z())) * SimulationGrid.SPACING_MM;
        double p = poreRandom(seed, v) / Math.sqrt(sg.permeability[v]) + boneWeight * r / STABILISATION_LENGTH_MM;
        return Permeability.isBone(sg.labels[v] & 0xff) ? p : p + exitPenalty;
    }

    /** A uniform number in (0, 1] fixed per voxel and seed (a 64-bit mix, independent of visiting order). */
    static double poreRandom(long seed, int voxel) {
        long z = seed * 0x9E3779B97F4A7C15L + voxel * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) + 1) * 0x1.0p-53;
    }

    private static Extravasation classify(SimulationGrid sg, int v, int[] fill, Needle needle, double injectedMl,
                                          double totalMl) {
        int label = sg.labels[v] & 0xff;
        PatientPoint place = sg.grid.voxelCentre(v % sg.grid.columns(), (v / sg.grid.columns()) % sg.grid.rows(),
                v / (sg.grid.columns() * sg.grid.rows()));
        Structure s = Structure.ofLabel(label).orElse(null);
        if (s != null && s.isForamen()) {
            return new Extravasation(needle.side(), injectedMl, totalMl, place, s.jsonName(), Extravasation.ShownOn.FRONTAL);
        }
        if (s == Structure.SACRAL_CANAL || s == Structure.L5_S1_DISC || s == Structure.BOWEL) {
            return new Extravasation(needle.side(), injectedMl, totalMl, place, s.jsonName(), Extravasation.ShownOn.LATERAL);
        }
        if (s == Structure.VESSEL) {
            return new Extravasation(needle.side(), injectedMl, totalMl, place, s.jsonName(), Extravasation.ShownOn.BOTH);
        }
        boolean anterior = false;
        VoxelGrid g = sg.grid;
        int nx = g.columns();
        int nxy = nx * g.rows();
        for (int u : new int[] {v - 1, v + 1, v - nx, v + nx, v - nxy, v + nxy}) {
            if (u >= 0 && u < fill.length && fill[u] >= 0 && fill[u] < fill[v]
                    && (sg.flags[u] & SacrumModel.PartFlags.ANTERIOR_CORTEX) != 0) {
                anterior = true;
            }
        }
        if (anterior || place.y() < needle.tipLps().y() - 5) {
            return new Extravasation(needle.side(), injectedMl, totalMl, place, "presacral_space",
                    Extravasation.ShownOn.LATERAL);
        }
        return new Extravasation(needle.side(), injectedMl, totalMl, place, "soft_tissue", Extravasation.ShownOn.LATERAL);
    }
}
