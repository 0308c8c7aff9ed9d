package org.sacroguide.registry.model;

/**
 * Where cement left the bone on one side, as seen on fluoroscopy or the control CT: NONE, FORAMEN (a sacral
 * foramen, seen on the frontal view), CANAL (the central sacral canal), SOFT_TISSUE (e.g. the presacral
 * space, seen on the lateral view), VEIN, DISC (the L5-S1 disc).
 */
public enum Extravasation {
    NONE, FORAMEN, CANAL, SOFT_TISSUE, VEIN, DISC;

    /** Leaks toward nerves: the ones the paper reports as absent. */
    public boolean isNeural() {
        return this == FORAMEN || this == CANAL;
    }
}
