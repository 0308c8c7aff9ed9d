package org.sacroguide.fluoro;

import org.sacroguide.imaging.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.nifti.NiftiReader;

class PlanFileTest {

    private static final String NEEDLE = "{\"side\":\"left\",\"targetLps\":[30.9,-95.3,226.3],"
            + "\"skinEntryLps\":[31.0,-21.3,226.3],\"outerDiameterMm\":3.05,\"plannedCementMl\":%s}";

    @Test
    void reads_needles_and_the_ct_path_relative_to_the_plan(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"ct\":\"../ct.nii.gz\",\"needles\":[" + String.format(NEEDLE, "3.0") + "]}");
        PlanFile p = PlanFile.read(plan);
        assertThat(p.ctPath()).contains(dir.getParent().resolve("ct.nii.gz"));
        assertThat(p.needles()).hasSize(1);
        assertThat(p.needles().get(0).side()).isEqualTo(Side.LEFT);
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        assertThat(p.needles(ct.grid()).get(0).plannedCementMl()).isEqualTo(3.0);
    }

    @Test
    void refuses_zero_volumes_missing_fields_and_needles_outside_the_ct(@TempDir Path dir) throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        Path zero = dir.resolve("zero.json");
        Files.writeString(zero, "{\"needles\":[" + String.format(NEEDLE, "0") + "]}");
        assertThatThrownBy(() -> PlanFile.read(zero).needles(ct.grid())).isInstanceOf(FluoroInputException.class)
                .hasMessageContaining("planned cement volume must lie in (0, 30] mL, was 0.00 mL");
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "{\"needles\":[{\"side\":\"left\"}]}");
        assertThatThrownBy(() -> PlanFile.read(missing)).isInstanceOf(FluoroInputException.class)
                .hasMessageContaining("'targetLps' must be [x, y, z]");
        Path outside = dir.resolve("outside.json");
        Files.writeString(outside, "{\"needles\":[" + String.format(NEEDLE, "3").replace("226.3]", "2260.3]") + "]}");
        assertThatThrownBy(() -> PlanFile.read(outside).needles(ct.grid())).isInstanceOf(FluoroInputException.class)
                .hasMessageContaining("lies outside the CT");
        Path none = dir.resolve("none.json");
        Files.writeString(none, "{\"needles\":[]}");
        assertThatThrownBy(() -> PlanFile.read(none)).hasMessageContaining("has no needles");
    }
}
