package org.sacroguide.registry.model;

/** The imaging that confirmed the fracture (the paper's inclusion criterion: MRI, CT or bone scan). */
public enum ImagingModality {
    MRI, CT, BONE_SCAN
}
