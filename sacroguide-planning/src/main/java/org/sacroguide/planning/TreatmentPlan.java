package org.sacroguide.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sacroguide.planning.selection.SelectionDecision;

/**
 * The planning answer for one patient: the selection decision when a case file was given, the safe
 * needles, the sides without a safe path and why, the options used and warnings. Never lists an unsafe
 * needle: every needle passed the exact clearance check. Research and training only, not for clinical use.
 */
public record TreatmentPlan(Optional<SelectionDecision> selection, List<NeedlePlan> needles,
                            List<InfeasibleSide> infeasible, PlanningOptions options, List<String> warnings) {

    public TreatmentPlan {
        needles = List.copyOf(needles);
        infeasible = List.copyOf(infeasible);
        warnings = List.copyOf(warnings);
    }

    /** Lines for people (console, report): {@link #resultLines}, then one line per warning. */
    public List<String> summaryLines() {
        List<String> out = resultLines();
        for (String w : warnings) {
            out.add("warning: " + w);
        }
        return out;
    }

    /** The selection, each needle and each side without a safe path, a line each; no warnings. */
    public List<String> resultLines() {
        List<String> out = new ArrayList<>();
        selection.ifPresent(d -> out.addAll(d.summaryLines()));
        for (NeedlePlan n : needles) {
            out.add(String.format(Locale.ROOT, "%s %s needle %s: skin %s -> target %s, %.1f mm from skin (%.1f in bone), "
                            + "tilt %.1f deg; smallest clearance %.1f mm (%s), safe corridor %.1f mm, tip %.1f mm behind the "
                            + "anterior cortex; cement %.1f mL", n.side().lowerName(), n.approach(), n.gauge().label(),
                    n.skinEntryLps(), n.targetLps(), n.lengthFromSkinMm(), n.boneLengthMm(), n.angleToAxialPlaneDeg(),
                    n.minClearanceMm(), n.limitingStructure(), n.safeCorridorDiameterMm(), n.tipBehindAnteriorCortexMm(),
                    n.plannedCementMl()));
        }
        for (InfeasibleSide s : infeasible) {
            out.add("NO SAFE PATH (" + s.approach() + ") " + s.reason());
        }
        return out;
    }
}
