package org.sacroguide.imaging.nifti;

import org.sacroguide.imaging.VoxelGrid;

/**
 * What SacroGuide keeps of a NIfTI-1 header after reading it: the grid (already converted from NIfTI's
 * RAS+ to DICOM LPS+), the stored data type, the value scaling, and which transform the affine came from
 * ({@code "sform"}, {@code "qform"} or {@code "pixdim"}).
 */
public record NiftiHeader(VoxelGrid grid, NiftiDataType dataType, double sclSlope, double sclInter,
                          String affineSource) {

    /** Applies scl_slope/scl_inter the way the standard says: a slope of 0 means no scaling. */
    public double scale(double stored) {
        return sclSlope == 0 ? stored : stored * sclSlope + sclInter;
    }
}
