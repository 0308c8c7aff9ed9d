package org.sacroguide.registry.model;

import java.time.LocalDate;

/** A stored patient: database key, pseudonymous id, sex, birth year and current participation status. */
public record PatientRecord(long key, String patientId, Sex sex, int birthYear, PatientStatus status,
        LocalDate statusSince, String statusReason) {
}
