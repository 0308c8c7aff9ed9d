package org.sacroguide.registry.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The usual follow-up schedule after sacroplasty: a baseline assessment before the procedure, then calls at
 * 24-48 hours, 1, 3, 6 and 12 months (the time points of the pooled literature, Chandra et al. 2019). Each
 * point has a window of days relative to the procedure date in which a contact counts for it; contacts
 * outside every window are UNSCHEDULED.
 */
public enum SchedulePoint {
    BASELINE("baseline", 0, -30, 0, 0.0),
    H24_48("24-48 h", 1, 1, 3, 1.5 / 30.4375),
    M1("1 month", 30, 21, 45, 1.0),
    M3("3 months", 91, 75, 120, 3.0),
    M6("6 months", 182, 150, 240, 6.0),
    M12("12 months", 365, 300, 450, 12.0),
    UNSCHEDULED("unscheduled", 0, 0, 0, Double.NaN);

    /** The scheduled points in time order (without UNSCHEDULED). */
    public static final List<SchedulePoint> SCHEDULE = List.of(BASELINE, H24_48, M1, M3, M6, M12);

    private final String label;
    private final int targetDay;
    private final int firstDay;
    private final int lastDay;
    private final double months;

    SchedulePoint(String label, int targetDay, int firstDay, int lastDay, double months) {
        this.label = label;
        this.targetDay = targetDay;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.months = months;
    }

    /** "24-48 h", "3 months": as the report and the due list print it. */
    public String label() {
        return label;
    }

    /** The day after the procedure on which the contact is planned (0 = the procedure day). */
    public int targetDay() {
        return targetDay;
    }

    /** First day of the window, relative to the procedure date (negative: before it). */
    public int firstDay() {
        return firstDay;
    }

    /** Last day of the window, relative to the procedure date, inclusive. */
    public int lastDay() {
        return lastDay;
    }

    /** Nominal time after the procedure in months, for charts (NaN for UNSCHEDULED). */
    public double months() {
        return months;
    }

    public LocalDate windowOpens(LocalDate procedureDate) {
        return procedureDate.plusDays(firstDay);
    }

    public LocalDate windowCloses(LocalDate procedureDate) {
        return procedureDate.plusDays(lastDay);
    }

    public LocalDate target(LocalDate procedureDate) {
        return procedureDate.plusDays(targetDay);
    }

    /** The scheduled point whose window holds {@code contact}, if any. */
    public static Optional<SchedulePoint> containing(LocalDate procedureDate, LocalDate contact) {
        long day = java.time.temporal.ChronoUnit.DAYS.between(procedureDate, contact);
        for (SchedulePoint p : SCHEDULE) {
            if (day >= p.firstDay && day <= p.lastDay) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Reads "baseline", "24-48h", "h24-48", "1m", "m1", "3 months", "unscheduled" ... */
    public static SchedulePoint parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace("_", "").replace("-", "");
        return switch (t) {
            case "baseline", "base", "0" -> BASELINE;
            case "2448h", "h2448", "2448", "24h", "48h" -> H24_48;
            case "1m", "m1", "1month", "1months" -> M1;
            case "3m", "m3", "3months" -> M3;
            case "6m", "m6", "6months" -> M6;
            case "12m", "m12", "12months", "1y", "1year" -> M12;
            case "unscheduled", "other" -> UNSCHEDULED;
            default -> throw new IllegalArgumentException("time point must be one of baseline, 24-48h, 1m, 3m, 6m, 12m, "
                    + "unscheduled, was '" + text + "'");
        };
    }

    /** The short form the CSV files use: baseline, 24-48h, 1m, 3m, 6m, 12m, unscheduled. */
    public String code() {
        return switch (this) {
            case BASELINE -> "baseline";
            case H24_48 -> "24-48h";
            case M1 -> "1m";
            case M3 -> "3m";
            case M6 -> "6m";
            case M12 -> "12m";
            case UNSCHEDULED -> "unscheduled";
        };
    }
}
