package org.sacroguide.registry.model;

import java.time.Instant;

/**
 * One line of the audit trail: who changed what and when, with the old and the new value. {@code action}
 * is CREATE (a new record; {@code newValue} lists its fields), CORRECT (one field corrected, with the
 * reason) or STATUS. Entries are only ever appended.
 */
public record AuditEntry(long key, Instant at, String actor, String action, String entity, long entityKey,
        String patientId, String field, String oldValue, String newValue, String reason) {
}
