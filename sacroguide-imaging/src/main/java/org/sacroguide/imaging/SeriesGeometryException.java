package org.sacroguide.imaging;

/**
 * The slices of a series do not form one regular volume: a missing slice, uneven or zero spacing,
 * duplicated positions, mixed image sizes or orientations, or absurd dimensions. The message names the
 * place (for example the z-range of the gap) so the technologist can find it on the scanner.
 */
public class SeriesGeometryException extends CtInputException {

    public SeriesGeometryException(String message) {
        super(message);
    }
}
