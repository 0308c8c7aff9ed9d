package org.sacroguide.registry.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Lenient parsing of the registry's stored enum values as people type them in spreadsheets and on the
 * command line: any case, dashes or spaces for underscores ("oblique-si", "Lost to follow up").
 */
public final class Codes {

    private Codes() {
    }

    /**
     * The constant of {@code type} named by {@code text}; an {@link IllegalArgumentException} naming the
     * allowed values otherwise.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException(what + " must be one of " + allowed(type) + ", was '" + text + "'");
    }

    /** The allowed values, lower case with dashes, as the help and the CSV layout show them. */
    public static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Codes::text).collect(Collectors.joining(", "));
    }

    /** A constant as written in CSV files and help texts: lower case, dashes ("oblique-si"). */
    public static String text(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
