package org.sacroguide.registry.model;

import java.time.LocalDate;
import java.util.Objects;

/** A change of a patient's participation (lost to follow-up, withdrawn, deceased, or active again). */
public record StatusChange(PatientStatus status, LocalDate effectiveOn, String reason) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(effectiveOn, "effectiveOn");
    }
}
