package org.sacroguide.registry.model;

/**
 * A patient's participation: ACTIVE (follow-ups are due), LOST_TO_FOLLOW_UP (could not be reached),
 * WITHDRAWN (declined further contact), DECEASED. Only ACTIVE patients appear on the due list.
 */
public enum PatientStatus {
    ACTIVE, LOST_TO_FOLLOW_UP, WITHDRAWN, DECEASED
}
