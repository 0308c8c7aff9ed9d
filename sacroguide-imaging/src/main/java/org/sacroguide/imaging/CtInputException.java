package org.sacroguide.imaging;

/**
 * A CT could not be read or used as given: the file is corrupt or truncated, the series is incomplete or
 * inconsistent, the compression cannot be decoded, the modality is not CT, or a parameter is absurd. The
 * message is one line a radiologist understands ("series has a missing slice between z=-120.0 and
 * z=-126.0 mm"); subclasses say which kind of problem it is so the command line can choose an exit code.
 */
public class CtInputException extends Exception {

    public CtInputException(String message) {
        super(message);
    }

    public CtInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
