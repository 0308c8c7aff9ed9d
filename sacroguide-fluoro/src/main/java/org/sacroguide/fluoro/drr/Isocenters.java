package org.sacroguide.fluoro.drr;

import java.util.Locale;
import org.sacroguide.fluoro.FluoroInputException;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Where the C-arm's isocentre may lie: inside the CT (LPS, mm), by default its centre. A point outside is
 * refused with the CT's extent in the message, because a radiograph centred off the scan shows nothing of
 * the patient.
 */
public final class Isocenters {

    private Isocenters() {
    }

    /** Refuses an isocentre outside the CT's voxel box (voxel centres extended by half a voxel). */
    public static PatientPoint requireInside(VoxelGrid grid, PatientPoint isoLps) throws FluoroInputException {
        PatientPoint v = grid.patientToVoxel().apply(isoLps);
        boolean inside = v.x() >= -0.5 && v.y() >= -0.5 && v.z() >= -0.5 && v.x() <= grid.columns() - 0.5
                && v.y() <= grid.rows() - 0.5 && v.z() <= grid.slices() - 0.5;
        if (!inside) {
            PatientPoint a = grid.voxelCentre(0, 0, 0);
            PatientPoint b = grid.voxelCentre(grid.columns() - 1, grid.rows() - 1, grid.slices() - 1);
            throw new FluoroInputException(String.format(Locale.ROOT,
                    "isocentre %s lies outside the CT, which spans x %.1f..%.1f, y %.1f..%.1f, z %.1f..%.1f mm (LPS)",
                    isoLps, Math.min(a.x(), b.x()), Math.max(a.x(), b.x()), Math.min(a.y(), b.y()),
                    Math.max(a.y(), b.y()), Math.min(a.z(), b.z()), Math.max(a.z(), b.z())));
        }
        return isoLps;
    }
}
