package org.sacroguide.registry.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheets write it: comma-separated, fields with commas, quotes or line breaks in
 * double quotes, quotes doubled; CRLF or LF line ends; a UTF-8 byte-order mark is skipped. Each record
 * remembers the line it started on, so errors can name the spreadsheet row.
 */
public final class CsvFormat {

    /** One record: its fields and the 1-based line on which it starts. */
    public record Record(int line, List<String> fields) {
    }

    /** Malformed CSV (an unterminated quote), with the line where the bad record starts. */
    public static final class SyntaxException extends Exception {
        private final int line;

        public SyntaxException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private CsvFormat() {
    }

    /** Splits {@code text} into records; blank lines are skipped. */
    public static List<Record> parse(String text) throws SyntaxException {
        List<Record> out = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        int line = 1;
        while (i < n) {
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            boolean endOfRecord = false;
            while (i < n && !endOfRecord) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            f.append('"');
                            i += 2;
                        } else {
                            quoted = false;
                            i++;
                        }
                    } else {
                        if (ch == '\n') {
                            line++;
                        }
                        f.append(ch);
                        i++;
                    }
                } else if (ch == '"' && f.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                    i++;
                } else if (ch == ',') {
                    fields.add(f.toString());
                    f.setLength(0);
                    wasQuoted = false;
                    i++;
                } else if (ch == '\r' || ch == '\n') {
                    i += (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                    line++;
                    endOfRecord = true;
                } else {
                    f.append(ch);
                    i++;
                }
            }
            if (quoted) {
                throw new SyntaxException(startLine, "a quoted field is not closed (missing \")");
            }
            fields.add(f.toString());
            boolean blank = fields.size() == 1 && fields.get(0).isBlank();
            if (!blank) {
                out.add(new Record(startLine, fields));
            }
        }
        return out;
    }

    /** One field, quoted when needed. */
    public static String quote(String s) {
        if (s == null) {
            return "";
        }
        boolean q = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))));
        return q ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A record line with CRLF. */
    public static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                b.append(',');
            }
            b.append(quote(fields.get(k)));
        }
        return b.append("\r\n").toString();
    }
}
