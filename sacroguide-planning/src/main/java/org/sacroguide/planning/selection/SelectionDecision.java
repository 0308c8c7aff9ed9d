package org.sacroguide.planning.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.planning.Approach;

/**
 * The answer of patient selection for one case: the verdict, every rule's outcome, the outcomes that
 * decided it (each naming its source), the sides to treat with the approach for each (bilateral: vertical;
 * unilateral: oblique parallel to the SI joint; or the clinician's logged override), the level to target
 * (S1, or S2 for a lower fracture) and notes on where each fact came from. Not for clinical use.
 */
public record SelectionDecision(Verdict verdict, List<RuleOutcome> outcomes, List<RuleOutcome> deciding,
                                Set<Side> treatedSides, Map<Side, Approach> approaches,
                                Optional<ApproachOverride> override, SacralLevel targetLevel, List<String> notes,
                                int ruleTableVersion) {

    public SelectionDecision {
        outcomes = List.copyOf(outcomes);
        deciding = List.copyOf(deciding);
        treatedSides = Set.copyOf(treatedSides);
        approaches = Map.copyOf(approaches);
        notes = List.copyOf(notes);
    }

    /** Lines for people: the verdict, the deciding rules with their sources, sides and approaches. */
    public List<String> summaryLines() {
        List<String> out = new ArrayList<>();
        out.add("Selection: " + verdict.label() + "  (SacroGuide decision support, NOT FOR CLINICAL USE)");
        for (RuleOutcome o : deciding) {
            out.add("  - " + o.describe());
        }
        for (Side s : Side.values()) {
            if (approaches.containsKey(s)) {
                out.add("  " + s.lowerName() + ": treat with " + approaches.get(s) + " needle, target " + targetLevel + " ala");
            }
        }
        override.ifPresent(o -> out.add("  approach overridden by the clinician: " + o.approach() + " (" + o.reason() + ")"));
        for (String n : notes) {
            out.add("  note: " + n);
        }
        return out;
    }
}
