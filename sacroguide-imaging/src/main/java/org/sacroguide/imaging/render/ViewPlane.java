package org.sacroguide.imaging.render;

import org.sacroguide.imaging.PatientPoint;

/**
 * The three orthogonal viewing planes in radiological display convention: axial seen from the feet
 * (patient's left on the image's right, posterior down), coronal seen from the front (left on the right,
 * head up), sagittal seen from the patient's left (anterior on the left, head up).
 */
public enum ViewPlane {
    AXIAL(new PatientPoint(1, 0, 0), new PatientPoint(0, 1, 0)),
    CORONAL(new PatientPoint(1, 0, 0), new PatientPoint(0, 0, -1)),
    SAGITTAL(new PatientPoint(0, 1, 0), new PatientPoint(0, 0, -1));

    private final PatientPoint right;
    private final PatientPoint down;

    ViewPlane(PatientPoint right, PatientPoint down) {
        this.right = right;
        this.down = down;
    }

    /** Patient direction (LPS unit vector) of increasing image column. */
    public PatientPoint right() {
        return right;
    }

    /** Patient direction (LPS unit vector) of increasing image row. */
    public PatientPoint down() {
        return down;
    }

    /** The plane's normal (right x down). */
    public PatientPoint normal() {
        return right.cross(down);
    }
}
