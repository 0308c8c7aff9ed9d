package org.sacroguide.registry.model;

/**
 * A stored follow-up of the procedure with key {@code procedureKey}; its {@code data().timepoint()} is
 * always set (taken from the date at recording when it was not given).
 */
public record FollowUpRecord(long key, long patientKey, long procedureKey, NewFollowUp data) {
}
