package org.sacroguide.imaging;

/** A file is truncated, damaged, or not in the format it claims to be; the message names the file. */
public class CorruptFileException extends CtInputException {

    public CorruptFileException(String message) {
        super(message);
    }

    public CorruptFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
