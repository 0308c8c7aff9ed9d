package org.sacroguide.registry.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One sacral insufficiency fracture line on one side, with the imaging that confirmed it. A bilateral
 * fracture is two of these. {@code zone} and {@code note} may be null (not recorded).
 */
public record Fracture(Side side, DenisZone zone, ImagingModality modality, LocalDate imagingDate, String note) {
    public Fracture {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(imagingDate, "imagingDate");
    }
}
