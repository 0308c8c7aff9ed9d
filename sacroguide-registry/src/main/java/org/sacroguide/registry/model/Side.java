package org.sacroguide.registry.model;

/** The patient's left or right half of the sacrum (patient's own side, as on a radiology report). */
public enum Side {
    LEFT, RIGHT;

    /** Reads L, R, LEFT or RIGHT in any case. */
    public static Side parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "L" -> LEFT;
            case "R" -> RIGHT;
            default -> Codes.parse(Side.class, text, "side");
        };
    }

    public String lower() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
