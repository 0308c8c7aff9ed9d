package org.sacroguide.registry.model;

import java.util.Objects;

/**
 * A patient to register: a pseudonymous id chosen by the department (never a name or a hospital number),
 * sex and birth year. Age at a procedure is computed as procedure year minus birth year.
 */
public record NewPatient(String patientId, Sex sex, int birthYear) {
    public NewPatient {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(sex, "sex");
        patientId = patientId.trim();
    }
}
