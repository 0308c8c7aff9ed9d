package org.sacroguide.planning.selection;

/**
 * A case file could not be read or makes no sense: the file is missing, is not YAML/JSON, or holds a
 * value a clinician would call impossible ("inr must be a positive number, was -1"). The message is one
 * line naming the field and what is allowed. It is an {@link java.io.IOException}: the input file could not
 * be used.
 */
public class CaseFileException extends java.io.IOException {

    public CaseFileException(String message) {
        super(message);
    }

    public CaseFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
