package org.sacroguide.anatomy;

import java.util.List;
import org.sacroguide.imaging.PatientPoint;

/**
 * One sacral neural foramen: its level and side, its centre and its centre line from the canal outwards
 * (LPS, mm), and how sure the model is of it.
 */
public record Foramen(SacralLevel level, Side side, PatientPoint centre, List<PatientPoint> centreLine,
                      Detection detection) {

    public Foramen {
        centreLine = List.copyOf(centreLine);
    }

    public Structure structure() {
        return Structure.foramen(level, side);
    }
}
