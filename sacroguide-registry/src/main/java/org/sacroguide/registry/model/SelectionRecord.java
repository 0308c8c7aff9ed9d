package org.sacroguide.registry.model;

/** A stored selection decision of the patient with database key {@code patientKey}. */
public record SelectionRecord(long key, long patientKey, SelectionDecision decision) {
}
