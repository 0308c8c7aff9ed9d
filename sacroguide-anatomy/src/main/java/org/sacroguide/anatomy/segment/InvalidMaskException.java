package org.sacroguide.anatomy.segment;

/**
 * A bone mask supplied by the user (for example a TotalSegmentator sacrum) cannot be used: empty, in
 * several separate pieces, or not covering the CT. The message says which and what to do.
 */
public class InvalidMaskException extends Exception {

    public InvalidMaskException(String message) {
        super(message);
    }
}
