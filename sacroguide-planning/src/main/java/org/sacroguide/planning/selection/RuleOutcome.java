package org.sacroguide.planning.selection;

/**
 * How one case fared against one rule: passed, violated, or unknown because the case does not say, with
 * the finding in words ("INR 1.5 > 1.3, not corrected"). {@link #forcedVerdict()} is the answer this
 * outcome pushes the decision towards.
 */
public record RuleOutcome(SelectionRule rule, Status status, String finding) {

    /** Result of checking one rule. */
    public enum Status { PASSED, VIOLATED, UNKNOWN }

    public Verdict forcedVerdict() {
        return switch (status) {
            case PASSED -> Verdict.CANDIDATE;
            case VIOLATED -> rule.whenViolated();
            case UNKNOWN -> Verdict.NEEDS_REVIEW;
        };
    }

    /** "inr: INR 1.5 > 1.3, not corrected [source: ...]". */
    public String describe() {
        return rule.id() + ": " + finding + " [source: " + rule.source() + "]";
    }
}
