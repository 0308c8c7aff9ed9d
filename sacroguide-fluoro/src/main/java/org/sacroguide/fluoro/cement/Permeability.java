package org.sacroguide.fluoro.cement;

import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Structure;

/**
 * Relative permeability of tissue to bone cement (1 = osteoporotic trabecular bone of 150 HU). In bone the
 * porosity is read from HU (linear between 1300 HU, compact, and -100 HU, marrow only) and turned into
 * permeability with the Kozeny-Carman relation k ~ phi^3 / (1 - phi)^2 (Kozeny 1927, Carman 1937), so
 * dense or cortical bone resists and porous bone lets cement through; cortex flagged by the sacrum model is
 * capped; a fracture gap multiplies it. Soft tissue, foramina, canal and veins are open spaces once reached;
 * air never fills. A heuristic of the right ordering, not a calibrated model.
 */
public final class Permeability {

    /** Open spaces (fat, nerve root sleeves, epidural fat) relative to trabecular bone. */
    public static final double SOFT_TISSUE = 3;
    /** Venous channels. */
    public static final double VEIN = 5;
    /** The L5-S1 disc (annulus and nucleus resist). */
    public static final double DISC = 0.3;
    /** Bowel wall. */
    public static final double BOWEL = 0.5;
    /** Cap for voxels the model flags as cortex. */
    public static final double CORTEX_CAP = 0.05;
    /** Factor inside a fracture gap. */
    public static final double FRACTURE_FACTOR = 10;
    /**
     * The least permeability a gap has, wherever it runs (cortex included): an open cleft about 1 mm wide
     * (cubic law w^2 / 12, about 8e-8 m^2) against trabecular bone of about 1e-10 to 1e-8 m^2 (Nauman et al.,
     * Ann Biomed Eng 1999), so about 20 times the reference bone. Below that a gap crossing the cortex is less
     * open than the same gap in the trabecular bone around it and stops the cement at the cortex.
     */
    public static final double FRACTURE_MIN = 20;

    private static final double NORMALISER = kozenyCarman(porosity(150));

    private Permeability() {
    }

    static double porosity(double hu) {
        return Math.max(0.02, Math.min(0.98, (1300 - hu) / 1400.0));
    }

    static double kozenyCarman(double phi) {
        return phi * phi * phi / ((1 - phi) * (1 - phi));
    }

    /** Relative permeability of bone of this density, within [1e-3, 20]. */
    public static double bone(double hu) {
        return Math.max(1e-3, Math.min(20, kozenyCarman(porosity(hu)) / NORMALISER));
    }

    /** True for labels the cement may fill without leaving bone (sacrum, ilia, L5). */
    public static boolean isBone(int label) {
        return label == Structure.SACRUM.label() || label == Structure.ILIUM_LEFT.label()
                || label == Structure.ILIUM_RIGHT.label() || label == Structure.L5.label();
    }

    /**
     * Permeability of one voxel from its HU, label, part flags and whether it lies in a fracture gap; 0 for air
     * (below -500 HU outside bone), which cement never fills in the body.
     */
    public static double of(double hu, int label, int flags, boolean inFractureGap) {
        double k;
        if (isBone(label)) {
            k = bone(hu);
            if ((flags & SacrumModel.PartFlags.CORTEX) != 0 || (flags & SacrumModel.PartFlags.ANTERIOR_CORTEX) != 0) {
                k = Math.min(k, CORTEX_CAP);
            }
        } else if (label == Structure.VESSEL.label()) {
            k = VEIN;
        } else if (label == Structure.L5_S1_DISC.label()) {
            k = DISC;
        } else if (label == Structure.BOWEL.label()) {
            k = BOWEL;
        } else if (hu < -500) {
            return 0;
        } else {
            k = SOFT_TISSUE;
        }
        if (inFractureGap) {
            k = Math.max(FRACTURE_MIN, k * FRACTURE_FACTOR);
        }
        return k;
    }
}
