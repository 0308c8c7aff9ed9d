package org.sacroguide.anatomy;

import java.util.Optional;

/**
 * The labelled structures of a sacrum label map, with their label values and the names used in
 * {@code summary.json} and plan files. Value 0 is background. Soft-tissue labels exist for phantoms and
 * masks supplied by the user; the automatic segmentation fills the bone labels, the canal and foramina.
 */
public enum Structure {
    SACRUM(1, "sacrum"),
    SACRAL_CANAL(2, "sacral_canal"),
    FORAMEN_S1_LEFT(3, "foramen_S1_left"),
    FORAMEN_S1_RIGHT(4, "foramen_S1_right"),
    FORAMEN_S2_LEFT(5, "foramen_S2_left"),
    FORAMEN_S2_RIGHT(6, "foramen_S2_right"),
    FORAMEN_S3_LEFT(7, "foramen_S3_left"),
    FORAMEN_S3_RIGHT(8, "foramen_S3_right"),
    FORAMEN_S4_LEFT(9, "foramen_S4_left"),
    FORAMEN_S4_RIGHT(10, "foramen_S4_right"),
    ILIUM_LEFT(11, "ilium_left"),
    ILIUM_RIGHT(12, "ilium_right"),
    L5(13, "L5"),
    L5_S1_DISC(14, "L5_S1_disc"),
    VESSEL(15, "vessel"),
    BOWEL(16, "bowel");

    private final int label;
    private final String jsonName;

    Structure(int label, String jsonName) {
        this.label = label;
        this.jsonName = jsonName;
    }

    public int label() {
        return label;
    }

    /** The name used in summary.json and plan.json, e.g. {@code foramen_S1_left}. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<Structure> ofLabel(int label) {
        for (Structure s : values()) {
            if (s.label == label) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Structure foramen(SacralLevel level, Side side) {
        return valueOf("FORAMEN_" + level.name() + "_" + side.name());
    }

    public boolean isForamen() {
        return name().startsWith("FORAMEN_");
    }
}
