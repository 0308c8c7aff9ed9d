package org.sacroguide.planning;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.planning.selection.CaseFile;
import org.sacroguide.planning.selection.PatientSelector;
import org.sacroguide.planning.selection.SelectionDecision;
import org.sacroguide.planning.selection.Verdict;
import org.sacroguide.planning.trajectory.TrajectoryPlanner;

/**
 * The planning stage's entry point: CT + {@link SacrumModel} (+ an optional clinician case file) to a
 * {@link TreatmentPlan}. With a case file it first runs patient selection, treats the fractured sides
 * with the approach selection chose (bilateral: vertical, unilateral: oblique, or the clinician's
 * override) at the level selection chose, and plans nothing for a patient who is NOT A CANDIDATE. Without a
 * case file it plans both sides with the vertical approach at S1 (the paper's most common case). Write
 * the result with {@link org.sacroguide.planning.output.PlanWriter}. Not for clinical use.
 */
public final class SacroplastyPlanning {

    private SacroplastyPlanning() {
    }

    public static TreatmentPlan plan(CtVolume ct, SacrumModel model, Optional<CaseFile> caseFile, PlanningOptions options)
            throws PlanningException {
        List<String> warnings = new ArrayList<>(model.warnings());
        Optional<SelectionDecision> decision = caseFile.map(c -> PatientSelector.bundled().select(c, Optional.of(model)));
        PlanningOptions opts = options;
        if (caseFile.isPresent()) {
            CaseFile c = caseFile.get();
            if (c.gauge().isPresent()) {
                opts = opts.withGauge(c.gauge().get());
            }
            if (c.plannedCementMlPerSide().isPresent()) {
                opts = opts.withPlannedCementMl(c.plannedCementMlPerSide().getAsDouble());
            }
        }
        Map<Side, Approach> sides = new EnumMap<>(Side.class);
        SacralLevel level = SacralLevel.S1;
        if (decision.isPresent()) {
            SelectionDecision d = decision.get();
            level = d.targetLevel();
            if (d.verdict() == Verdict.NOT_A_CANDIDATE) {
                warnings.add("no needles planned: selection answered NOT A CANDIDATE");
                return new TreatmentPlan(decision, List.of(), List.of(), opts, warnings);
            }
            if (d.verdict() == Verdict.NEEDS_REVIEW) {
                warnings.add("selection answered NEEDS REVIEW: the plan is provisional until the clinician has reviewed the case");
            }
            sides.putAll(d.approaches());
            if (sides.isEmpty()) {
                warnings.add("no fractured side known: no needles planned");
            }
        } else {
            sides.put(Side.LEFT, Approach.VERTICAL);
            sides.put(Side.RIGHT, Approach.VERTICAL);
            warnings.add("no case file: both sides planned with vertical needles at S1 (no patient selection done)");
        }
        double cement = opts.plannedCementMl();
        if (cement < PlanningOptions.CEMENT_WARN_MIN_ML || cement > PlanningOptions.CEMENT_WARN_MAX_ML) {
            warnings.add(String.format(Locale.ROOT, "planned cement %.1f mL per side lies outside 2-7 mL", cement));
        }
        TrajectoryPlanner planner = new TrajectoryPlanner(ct, model, opts);
        List<NeedlePlan> needles = new ArrayList<>();
        List<InfeasibleSide> infeasible = new ArrayList<>();
        for (Map.Entry<Side, Approach> e : sides.entrySet()) {
            TrajectoryPlanner.SideResult r = planner.plan(e.getKey(), e.getValue(), level);
            r.needle().ifPresent(needles::add);
            r.infeasible().ifPresent(infeasible::add);
        }
        return new TreatmentPlan(decision, needles, infeasible, opts, warnings);
    }
}
