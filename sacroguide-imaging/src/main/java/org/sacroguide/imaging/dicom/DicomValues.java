package org.sacroguide.imaging.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;

/**
 * Decoding and encoding of the few value representations SacroGuide uses: text (CS, UI, LO, SH, DS, IS;
 * multiple values separated by backslashes, padding trimmed) and unsigned shorts (US). DS values are
 * written in at most 16 characters with as many digits as fit, so positions survive a round trip.
 */
final class DicomValues {

    private DicomValues() {
    }

    /** Text value with leading and trailing spaces and NULs removed (ISO 8859-1; UTF-8 if asked). */
    static String string(byte[] b) {
        return string(b, false);
    }

    static String string(byte[] b, boolean utf8) {
        int start = 0;
        int end = b.length;
        while (end > start && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        while (start < end && (b[start] == ' ' || b[start] == 0)) {
            start++;
        }
        return new String(b, start, end - start, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** The values of a multi-valued text, each trimmed. */
    static String[] split(String s) {
        if (s == null || s.isEmpty()) {
            return new String[0];
        }
        String[] parts = s.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    /** DS or IS values as doubles; null when absent, empty or not a number. */
    static double[] decimals(String s) {
        String[] parts = split(s);
        if (parts.length == 0) {
            return null;
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(out[i])) {
                return null;
            }
        }
        return out;
    }

    /** The first DS value, or NaN. */
    static double decimal(String s) {
        double[] d = decimals(s);
        return d == null ? Double.NaN : d[0];
    }

    /** The first IS value, or null. */
    static Integer integer(String s) {
        double d = decimal(s);
        if (Double.isNaN(d) || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            return null;
        }
        return (int) d;
    }

    /** The first US value. */
    static int unsignedShort(byte[] b, boolean bigEndian) {
        if (b.length < 2) {
            return -1;
        }
        return bigEndian ? ((b[0] & 0xff) << 8) | (b[1] & 0xff) : ((b[1] & 0xff) << 8) | (b[0] & 0xff);
    }

    /** A DS value in at most 16 characters, keeping as many significant digits as fit. */
    static String formatDs(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a DS value must be finite, was " + v);
        }
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        if (s.length() <= 16 && !s.contains("E")) {
            return s;
        }
        BigDecimal bd = new BigDecimal(v);
        for (int digits = 16; digits > 0; digits--) {
            BigDecimal r = bd.round(new MathContext(digits)).stripTrailingZeros();
            String plain = r.toPlainString();
            if (plain.length() <= 16) {
                return plain;
            }
            String scientific = r.toString().replace("E+", "E");
            if (scientific.length() <= 16) {
                return scientific;
            }
        }
        throw new IllegalArgumentException("cannot write " + v + " as a DICOM decimal string");
    }

    /** Several DS values joined by backslashes. */
    static String formatDs(double... values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append('\\');
            }
            b.append(formatDs(values[i]));
        }
        return b.toString();
    }
}
