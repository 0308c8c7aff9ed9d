package org.sacroguide.registry.model;

/**
 * Denis classification of a sacral fracture line: zone I lateral to the foramina (the ala), zone II through
 * the foramina, zone III medial to them into the central canal. Stored as 1, 2 or 3.
 */
public enum DenisZone {
    I, II, III;

    public int number() {
        return ordinal() + 1;
    }

    public static DenisZone ofNumber(int n) {
        if (n < 1 || n > 3) {
            throw new IllegalArgumentException("Denis zone must be 1, 2 or 3 (I, II, III), was " + n);
        }
        return values()[n - 1];
    }

    /** Reads 1, 2, 3 or I, II, III. */
    public static DenisZone parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "1", "I" -> I;
            case "2", "II" -> II;
            case "3", "III" -> III;
            default -> throw new IllegalArgumentException("Denis zone must be 1, 2 or 3 (I, II, III), was '" + text + "'");
        };
    }
}
