package org.sacroguide.anatomy.phantom;

import java.io.IOException;
import java.nio.file.Path;
import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.dicom.DicomWriter;
import org.sacroguide.imaging.nifti.NiftiWriter;

/**
 * A synthetic pelvis CT with its exact answer: the CT (HU, LPS affine), the ground-truth label map on the
 * same grid and the ground-truth {@link SacrumModel} built from the analytic shape (foramen centres, SI
 * joint surface points and plane, part flags, ala density measured on the CT). For tests, demos and
 * benchmarks; written as NIfTI or as a DICOM series. Not patient data and not for clinical use.
 */
public record Phantom(PhantomSpec spec, CtVolume ct, LabelMap truth, SacrumModel truthModel) {

    /** Writes the CT as a DICOM CT series (one file per slice) into {@code folder}; returns the files. */
    public java.util.List<Path> writeDicom(Path folder) throws IOException {
        DicomWriter.SeriesSpec s = DicomWriter.SeriesSpec.of(
                "SacroGuide synthetic pelvis phantom, seed " + spec.seed() + ", not patient data");
        return DicomWriter.writeSeries(ct, folder, s);
    }

    /** Writes {@code ct.nii.gz} and {@code labels.nii.gz} (uint8) into {@code dir}. */
    public void writeNifti(Path dir) throws IOException {
        NiftiWriter.writeCt(ct, dir.resolve("ct.nii.gz"));
        NiftiWriter.writeLabels(truth.grid(), truth.labelArray(), dir.resolve("labels.nii.gz"));
    }
}
