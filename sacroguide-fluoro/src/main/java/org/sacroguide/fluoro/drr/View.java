package org.sacroguide.fluoro.drr;

import java.util.Locale;

/**
 * A named C-arm position, given as the gantry angle in plastimatch's convention (degrees about the patient's
 * head-foot axis: 0 puts the X-ray source on the patient's left, 90 puts it in front of the patient). AP
 * (antero-posterior: source in front, image receptor behind, as for a prone patient in sacroplasty) shows the
 * sacral foramina; LATERAL (source on the patient's left) shows cement leaving the anterior cortex.
 */
public enum View {
    AP(90),
    LATERAL(0),
    PA(270),
    RIGHT_LATERAL(180);

    private final double gantryAngleDeg;

    View(double gantryAngleDeg) {
        this.gantryAngleDeg = gantryAngleDeg;
    }

    /** Gantry angle in plastimatch's convention, degrees. */
    public double gantryAngleDeg() {
        return gantryAngleDeg;
    }

    /** Lower-case name used on the command line and in file names ({@code ap}, {@code lateral}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code ap}, {@code lateral}, {@code pa}, {@code right-lateral} (case-insensitive). */
    public static View parse(String s) {
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (View v : values()) {
            if (v.name().equals(n)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown view '" + s + "': use ap, lateral, pa or right-lateral");
    }
}
