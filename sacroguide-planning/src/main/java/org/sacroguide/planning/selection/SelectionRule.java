package org.sacroguide.planning.selection;

import java.util.OptionalDouble;

/**
 * One row of the selection rule table ({@code selection-rules.yaml}): its id, whether it is an
 * indication, a contraindication or a caution, the verdict it forces when a case violates it, what it
 * states, the literature it comes from, and a numeric threshold where it has one.
 */
public record SelectionRule(String id, Kind kind, Verdict whenViolated, String statement, String source,
                            OptionalDouble threshold) {

    /** What kind of rule it is. */
    public enum Kind { INDICATION, CONTRAINDICATION, CAUTION }

    public SelectionRule {
        if (id == null || id.isBlank() || statement == null || statement.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a selection rule needs an id, a statement and a source");
        }
        if (whenViolated == Verdict.CANDIDATE) {
            throw new IllegalArgumentException("rule " + id + ": violating a rule cannot make a CANDIDATE");
        }
    }
}
