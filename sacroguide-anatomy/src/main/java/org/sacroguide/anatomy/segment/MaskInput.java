package org.sacroguide.anatomy.segment;

import java.util.stream.IntStream;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Brings a binary mask (for example a TotalSegmentator NIfTI, any non-zero value counts) onto the CT's
 * grid: used as is when the grids agree within 0.01 mm, otherwise resampled by nearest neighbour through
 * both affines (LPS mm). A mask that covers none of the CT is refused.
 */
public final class MaskInput {

    private MaskInput() {
    }

    public static boolean[] onCtGrid(VoxelGrid ct, VoxelGrid maskGrid, byte[] mask, String name)
            throws InvalidMaskException {
        if (mask.length != maskGrid.voxelCount()) {
            throw new InvalidMaskException("the " + name + " mask's voxel count does not match its own header");
        }
        boolean[] out = new boolean[ct.voxelCount()];
        if (ct.sameGridAs(maskGrid, 0.01)) {
            for (int n = 0; n < out.length; n++) {
                out[n] = mask[n] != 0;
            }
            return out;
        }
        Affine toMask = maskGrid.patientToVoxel().compose(ct.voxelToPatient());
        int nx = ct.columns();
        int ny = ct.rows();
        IntStream.range(0, ct.slices()).parallel().forEach(k -> {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    PatientPoint v = toMask.apply(i, j, k);
                    int mi = (int) Math.round(v.x());
                    int mj = (int) Math.round(v.y());
                    int mk = (int) Math.round(v.z());
                    if (maskGrid.contains(mi, mj, mk)) {
                        out[ct.index(i, j, k)] = mask[maskGrid.index(mi, mj, mk)] != 0;
                    }
                }
            }
        });
        boolean any = false;
        for (boolean b : out) {
            if (b) {
                any = true;
                break;
            }
        }
        if (!any) {
            throw new InvalidMaskException("the " + name + " mask marks no voxel inside the CT's field of view");
        }
        return out;
    }
}
