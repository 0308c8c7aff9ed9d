package org.sacroguide.anatomy;

import org.sacroguide.imaging.PatientPoint;

/**
 * A place where the CT suggests a sacral insufficiency fracture: a band of low density or of sclerosis,
 * on one side, in a Denis zone, with its centre (LPS, mm), its craniocaudal extent and a confidence.
 */
public record FractureCandidate(Side side, DenisZone zone, Kind kind, PatientPoint centre, double craniocaudalExtentMm,
                                double confidence) {

    /** What the data shows. */
    public enum Kind { LOW_DENSITY_BAND, SCLEROSIS }
}
