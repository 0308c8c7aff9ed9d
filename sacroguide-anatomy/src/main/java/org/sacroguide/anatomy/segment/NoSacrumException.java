package org.sacroguide.anatomy.segment;

import org.sacroguide.imaging.CtInputException;

/**
 * Bad input (a {@link CtInputException}): the CT does not show a sacrum SacroGuide can find (for example a chest or upper-abdomen scan, or a
 * pelvis scan cut above the sacroiliac joints). The message names the cranio-caudal range the scan covers.
 */
public class NoSacrumException extends CtInputException {

    private final double zFromMm;
    private final double zToMm;

    public NoSacrumException(String message, double zFromMm, double zToMm) {
        super(message);
        this.zFromMm = zFromMm;
        this.zToMm = zToMm;
    }

    /** Lowest patient z (LPS, mm) the scan covers. */
    public double zFromMm() {
        return zFromMm;
    }

    /** Highest patient z (LPS, mm) the scan covers. */
    public double zToMm() {
        return zToMm;
    }
}
