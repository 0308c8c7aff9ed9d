package org.sacroguide.fluoro.cement;

import java.util.List;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.VoxelGrid;

/**
 * The outcome of a simulated injection: on the simulation grid (LPS, 1 mm), the step at which each voxel
 * filled with cement (-1 = never), the extravasation events in order, one summary per needle (volume given and
 * why injection stopped), and the frames: the global step reached at every {@code frameStepMl} of total
 * volume. Arrays are read-only by contract.
 */
public record InjectionResult(VoxelGrid grid, int[] fillStep, short[] hu, List<Extravasation> events,
                              List<NeedleOutcome> needles, double voxelVolumeMl, List<Frame> frames) {

    public InjectionResult {
        events = List.copyOf(events);
        needles = List.copyOf(needles);
        frames = List.copyOf(frames);
    }

    /** Why cement stopped flowing through one needle. */
    public enum StopReason { PLANNED_VOLUME_REACHED, EXTRAVASATION, NO_ROOM }

    /** What one needle delivered. */
    public record NeedleOutcome(Side side, double plannedMl, double injectedMl, StopReason stopReason) {
    }

    /** One moment of the injection: total volume so far (mL) and the number of filled voxels then. */
    public record Frame(double totalInjectedMl, int steps) {
    }

    /** Total cement delivered, mL. */
    public double totalInjectedMl() {
        return needles.stream().mapToDouble(NeedleOutcome::injectedMl).sum();
    }

    /** A 0/1 mask of the cement after {@code steps} filled voxels. */
    public boolean[] cementAfter(int steps) {
        boolean[] m = new boolean[fillStep.length];
        for (int n = 0; n < m.length; n++) {
            m[n] = fillStep[n] >= 0 && fillStep[n] < steps;
        }
        return m;
    }
}
