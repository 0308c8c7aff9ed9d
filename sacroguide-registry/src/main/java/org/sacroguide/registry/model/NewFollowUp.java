package org.sacroguide.registry.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One follow-up contact: date, method, schedule point (null: taken from the date), pain present on the
 * left and on the right (null: not asked, e.g. an untreated side), VAS 0-10, Oswestry Disability Index
 * 0-100 (optional), analgesics and a free-text note. Null means "not recorded" throughout.
 */
public record NewFollowUp(LocalDate contactOn, FollowUpMethod method, SchedulePoint timepoint, Boolean painLeft,
        Boolean painRight, Double vas, Integer odi, Analgesics analgesics, String note) {
    public NewFollowUp {
        Objects.requireNonNull(contactOn, "contactOn");
        Objects.requireNonNull(method, "method");
    }

    /** Pain on {@code side}, or null when not recorded. */
    public Boolean pain(Side side) {
        return side == Side.LEFT ? painLeft : painRight;
    }
}
