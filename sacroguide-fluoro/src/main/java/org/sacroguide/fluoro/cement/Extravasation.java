package org.sacroguide.fluoro.cement;

import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.PatientPoint;

/**
 * Cement leaving the bone in the simulated injection: through which needle, after how much cement through
 * that needle and in all (mL), where (LPS, mm, and the structure reached, e.g. {@code foramen_S1_left} or
 * {@code presacral_space}) and which fluoroscopic projection shows it (foramina on the frontal, anterior soft
 * tissue on the lateral), as the paper's monitoring does.
 */
public record Extravasation(Side needleSide, double needleInjectedMl, double totalInjectedMl, PatientPoint placeLps,
                            String structure, ShownOn shownOn) {

    /** The projection in which a radiologist sees this leak first. */
    public enum ShownOn { FRONTAL, LATERAL, BOTH }
}
