package org.sacroguide.planning.selection;

/**
 * The answer of patient selection: a candidate for sacroplasty, not a candidate, or a case the clinician
 * must review because information is missing or a relative contraindication applies.
 */
public enum Verdict {
    CANDIDATE("CANDIDATE"), NOT_A_CANDIDATE("NOT A CANDIDATE"), NEEDS_REVIEW("NEEDS REVIEW");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** As shown to people: "NOT A CANDIDATE". */
    public String label() {
        return label;
    }
}
