package org.sacroguide.imaging;

/** The chosen series is not a CT (for example MR); it is refused unless the user explicitly allows it. */
public class WrongModalityException extends CtInputException {

    public WrongModalityException(String message) {
        super(message);
    }
}
