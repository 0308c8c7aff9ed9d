package org.sacroguide.fluoro.drr;

import java.nio.file.Path;
import org.sacroguide.fluoro.FluoroInputException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;

/**
 * The centroid (LPS, mm) of the non-zero voxels of a mask file, used as the isocentre when no sacrum model is
 * at hand (the reference comparison with plastimatch centres on the bundled sacrum mask).
 */
public final class MaskCentroid {

    private MaskCentroid() {
    }

    public static PatientPoint of(Path maskFile) throws CtInputException {
        NiftiReader.Labels m = NiftiReader.readLabels(maskFile);
        byte[] v = m.labels();
        int nx = m.grid().columns();
        int ny = m.grid().rows();
        double si = 0;
        double sj = 0;
        double sk = 0;
        long count = 0;
        for (int n = 0; n < v.length; n++) {
            if (v[n] != 0) {
                si += n % nx;
                sj += (n / nx) % ny;
                sk += n / (nx * ny);
                count++;
            }
        }
        if (count == 0) {
            throw new FluoroInputException("the mask " + maskFile.getFileName() + " is empty: no isocentre can be taken from it");
        }
        return m.grid().voxelCentre(si / count, sj / count, sk / count);
    }
}
