package org.sacroguide.registry.model;

/** A stored fracture of the patient with database key {@code patientKey}. */
public record FractureRecord(long key, long patientKey, Fracture fracture) {
}
