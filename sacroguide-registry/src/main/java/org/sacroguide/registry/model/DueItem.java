package org.sacroguide.registry.model;

import java.time.LocalDate;

/**
 * One follow-up the coordinator should make (or has missed): patient, the procedure it follows, schedule
 * point, its window and whether it is DUE now, UPCOMING (window opens within the look-ahead) or MISSED
 * (window closed without a contact).
 */
public record DueItem(String patientId, LocalDate procedureDate, SchedulePoint point, LocalDate windowOpens,
        LocalDate windowCloses, LocalDate target, Status status) {

    /** Where today falls relative to the window. */
    public enum Status {
        DUE, UPCOMING, MISSED
    }
}
