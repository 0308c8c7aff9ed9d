package org.sacroguide.registry.model;

/**
 * The answer of the patient-selection step, stored by constant name. The registry keeps its own copy of
 * the planning module's answer (planning's types were not yet published when the registry was written);
 * the stored values are CANDIDATE, NOT_A_CANDIDATE and NEEDS_REVIEW.
 */
public enum SelectionAnswer {
    CANDIDATE, NOT_A_CANDIDATE, NEEDS_REVIEW
}
