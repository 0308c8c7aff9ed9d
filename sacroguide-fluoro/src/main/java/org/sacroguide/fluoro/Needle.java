package org.sacroguide.fluoro;

import java.util.Locale;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * A placed bone biopsy needle as the fluoroscopy rehearsal needs it (LPS, mm): its tip (the cement outlet) and
 * skin entry, the side it treats, its outer diameter and the cement volume planned through it. Build one with
 * {@link #of}, which refuses a zero or negative volume, or a tip outside the CT, with a typed error.
 */
public record Needle(Side side, PatientPoint tipLps, PatientPoint skinEntryLps, double outerDiameterMm,
                     double plannedCementMl) {

    public Needle {
        if (!(plannedCementMl > 0) || !(outerDiameterMm > 0) || tipLps.distanceMm(skinEntryLps) < 1e-6) {
            throw new IllegalArgumentException("needle needs a positive volume and diameter and distinct tip and entry");
        }
    }

    /**
     * A checked factory.
     *
     * @throws FluoroInputException for a planned volume of 0 mL or less (or above 30 mL), a diameter outside
     *     0.5-6 mm, identical tip and entry, or (when {@code ct} is given) a tip outside the CT
     */
    public static Needle of(Side side, PatientPoint tipLps, PatientPoint skinEntryLps, double outerDiameterMm,
                            double plannedCementMl, VoxelGrid ct) throws FluoroInputException {
        String name = side.lowerName() + " needle";
        if (!(plannedCementMl > 0) || plannedCementMl > 30) {
            throw new FluoroInputException(String.format(Locale.ROOT,
                    "%s: planned cement volume must lie in (0, 30] mL, was %.2f mL", name, plannedCementMl));
        }
        if (!(outerDiameterMm >= 0.5 && outerDiameterMm <= 6)) {
            throw new FluoroInputException(String.format(Locale.ROOT,
                    "%s: outer diameter must lie in 0.5-6 mm, was %.2f mm", name, outerDiameterMm));
        }
        if (tipLps.distanceMm(skinEntryLps) < 1) {
            throw new FluoroInputException(name + ": tip and skin entry coincide");
        }
        if (ct != null) {
            PatientPoint v = ct.patientToVoxel().apply(tipLps);
            if (!(v.x() >= 0 && v.y() >= 0 && v.z() >= 0 && v.x() <= ct.columns() - 1 && v.y() <= ct.rows() - 1
                    && v.z() <= ct.slices() - 1)) {
                throw new FluoroInputException(String.format(Locale.ROOT,
                        "%s: tip %s lies outside the CT; check that the plan belongs to this CT", name, tipLps));
            }
        }
        return new Needle(side, tipLps, skinEntryLps, outerDiameterMm, plannedCementMl);
    }
}
