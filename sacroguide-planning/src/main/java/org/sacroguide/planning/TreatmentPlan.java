package org.sacroguide.planning;

import java.util.List;
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
}
