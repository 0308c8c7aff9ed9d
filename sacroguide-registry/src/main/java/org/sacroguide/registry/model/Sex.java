package org.sacroguide.registry.model;

/** Administrative sex as recorded in the registry (FHIR AdministrativeGender); stored by constant name. */
public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN;

    /** Reads F, M, O, U or the full name, in any case. */
    public static Sex parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "F", "W", "WOMAN" -> FEMALE;
            case "M", "MAN" -> MALE;
            case "O" -> OTHER;
            case "U" -> UNKNOWN;
            default -> Codes.parse(Sex.class, text, "sex");
        };
    }
}
