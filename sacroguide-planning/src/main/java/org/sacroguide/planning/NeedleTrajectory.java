package org.sacroguide.planning;

import org.sacroguide.imaging.PatientPoint;

/**
 * A straight needle path in DICOM patient coordinates (LPS, mm): the point where it enters (skin) and the
 * point where its tip rests (target), with the needle gauge. Refuses identical entry and target.
 */
public record NeedleTrajectory(PatientPoint entry, PatientPoint target, Gauge gauge) {

    public NeedleTrajectory {
        if (entry == null || target == null || gauge == null) {
            throw new IllegalArgumentException("a needle trajectory needs an entry, a target and a gauge");
        }
        if (!(entry.distanceMm(target) > 1e-6)) {
            throw new IllegalArgumentException("needle entry and target coincide at " + entry);
        }
    }

    /** Length from entry to target, mm. */
    public double lengthMm() {
        return entry.distanceMm(target);
    }

    /** Unit direction of advance, from entry towards target (LPS). */
    public PatientPoint direction() {
        return target.minus(entry).unit();
    }

    /** The point {@code mm} along the needle from the entry. */
    public PatientPoint at(double mm) {
        return entry.plus(direction().times(mm));
    }
}
