package org.sacroguide.anatomy.segment;

import org.sacroguide.imaging.CtInputException;

/**
 * Bad input (a {@link CtInputException}): a bone mask supplied by the user (for example a TotalSegmentator sacrum) cannot be used: empty, in
 * several separate pieces, or not covering the CT. The message says which and what to do.
 */
public class InvalidMaskException extends CtInputException {

    public InvalidMaskException(String message) {
        super(message);
    }
}
