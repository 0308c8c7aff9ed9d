package org.sacroguide.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.imaging.nifti.NiftiWriter;

class PlanningInputsTest {

    @Test
    void a_dicom_series_with_a_sacrum_mask_is_planned(@TempDir Path dir) throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(51, 2.0).withFractures(PhantomSpec.FractureLines.BILATERAL));
        Path dicom = dir.resolve("dicom");
        ph.writeDicom(dicom);
        byte[] lab = ph.truth().labelArray();
        byte[] sacrum = new byte[lab.length];
        for (int n = 0; n < lab.length; n++) {
            sacrum[n] = (byte) (lab[n] == Structure.SACRUM.label() ? 1 : 0);
        }
        Path mask = dir.resolve("sacrum.nii.gz");
        NiftiWriter.writeLabels(ph.truth().grid(), sacrum, mask);
        PlanningInputs in = PlanningInputs.load(dicom, Optional.of(PlanningInputs.MaskFiles.sacrumOnly(mask)));
        assertThat(in.modelSource()).contains("sacrum mask");
        assertThat(in.ct().grid().sameGridAs(ph.ct().grid(), 0.01)).isTrue();
        TreatmentPlan plan = SacroplastyPlanning.plan(in.ct(), in.model(), Optional.empty(), PlanningOptions.defaults());
        assertThat(plan.needles().size() + plan.infeasible().size()).isEqualTo(2);
    }

    @Test
    void an_empty_mask_is_refused_with_one_line(@TempDir Path dir) throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(52, 3.0));
        ph.writeNifti(dir);
        Path mask = dir.resolve("empty.nii.gz");
        NiftiWriter.writeLabels(ph.truth().grid(), new byte[ph.truth().labelArray().length], mask);
        assertThatThrownBy(() -> PlanningInputs.load(dir.resolve("ct.nii.gz"), Optional.of(PlanningInputs.MaskFiles.sacrumOnly(mask))))
                .isInstanceOf(PlanningException.class).hasMessageContaining("empty");
    }
}
