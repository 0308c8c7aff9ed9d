package org.sacroguide.fluoro;

import org.sacroguide.imaging.CtInputException;

/**
 * A fluoroscopy request that cannot be honoured as given: an isocentre outside the CT, a detector of absurd
 * size, a needle outside the CT, a cement volume of zero or less, a plan file that cannot be read. The message
 * is one line a radiologist understands and says what is allowed. It is a {@link CtInputException}, so the
 * command line treats it as bad input.
 */
public class FluoroInputException extends CtInputException {

    public FluoroInputException(String message) {
        super(message);
    }

    public FluoroInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
