package org.sacroguide.registry.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The patient-selection answer with its reasons, as the planning step (or a radiologist) gave it.
 * {@code source} says who decided: "planning" for the software's rules, a name or role otherwise.
 */
public record SelectionDecision(SelectionAnswer answer, LocalDate decidedOn, String reasons, String source) {
    public SelectionDecision {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(decidedOn, "decidedOn");
    }
}
