package org.sacroguide.planning.output;

import org.sacroguide.imaging.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.planning.PlanningOptions;
import org.sacroguide.planning.SacroplastyPlanning;
import org.sacroguide.planning.TreatmentPlan;
import org.sacroguide.planning.selection.CaseFileReader;

class PlanWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writes_plan_json_with_the_documented_fields_markups_and_figures(@TempDir Path dir) throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(3, 2.0).withFractures(PhantomSpec.FractureLines.BILATERAL));
        Path ctFile = dir.resolve("input/ct.nii.gz");
        ph.writeNifti(ctFile.getParent());
        TreatmentPlan plan = SacroplastyPlanning.plan(ph.ct(), ph.truthModel(), Optional.empty(), PlanningOptions.defaults());
        Path out = dir.resolve("plan");
        List<Path> files = PlanWriter.write(plan, ph.ct(), ph.truthModel(), Optional.of(ctFile), out);
        assertThat(files).allMatch(Files::isRegularFile);

        JsonNode root = JSON.readTree(out.resolve("plan.json").toFile());
        assertThat(root.get("schema").asText()).isEqualTo("sacroguide-plan/1");
        assertThat(root.get("notice").asText()).contains("NOT FOR CLINICAL USE");
        assertThat(out.resolve(root.get("ct").asText()).normalize()).isEqualTo(ctFile.normalize());
        assertThat(root.get("needles")).hasSize(2);
        assertThat(root.get("infeasible")).isEmpty();
        for (JsonNode n : root.get("needles")) {
            assertThat(n.get("side").asText()).isIn("left", "right");
            assertThat(n.get("approach").asText()).isEqualTo("VERTICAL");
            for (String f : List.of("skinEntryLps", "boneEntryLps", "targetLps")) {
                assertThat(n.get(f)).hasSize(3);
            }
            assertThat(n.get("gauge").asText()).isEqualTo("11G");
            assertThat(n.get("outerDiameterMm").asDouble()).isEqualTo(3.05);
            assertThat(n.get("lengthFromSkinMm").asDouble()).isGreaterThan(20);
            assertThat(n.get("clearancesMm").get("foramen_S1_" + n.get("side").asText()).asDouble()).isGreaterThanOrEqualTo(3);
            assertThat(n.get("plannedCementMl").asDouble()).isBetween(2.0, 4.0);
            assertThat(n.get("safeCorridorDiameterMm").asDouble()).isGreaterThan(3.05);

            JsonNode mrk = JSON.readTree(out.resolve(n.get("markup").asText()).toFile());
            JsonNode line = mrk.get("markups").get(0);
            assertThat(line.get("type").asText()).isEqualTo("Line");
            assertThat(line.get("coordinateSystem").asText()).isEqualTo("LPS");
            assertThat(line.get("controlPoints")).hasSize(2);
            // fields in a fixed order, so the same plan gives the same bytes from one run to the next
            List<String> fields = new java.util.ArrayList<>();
            line.get("measurements").get(0).fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("name", "enabled", "value", "units", "printFormat");
            assertThat(line.get("controlPoints").get(1).get("position").get(2).asDouble())
                    .isCloseTo(n.get("targetLps").get(2).asDouble(), org.assertj.core.data.Offset.offset(0.01));

            BufferedImage img = ImageIO.read(out.resolve(n.get("figure").asText()).toFile());
            assertThat(img.getWidth()).isGreaterThan(200);
            assertThat(img.getHeight()).isGreaterThan(200);
        }
    }

    @Test
    void a_unilateral_case_gets_one_oblique_needle_and_a_not_a_candidate_case_gets_none(@TempDir Path dir) throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(4, 2.5).withFractures(PhantomSpec.FractureLines.UNILATERAL_RIGHT)
                .withOsteoporosis(true));
        String good = Files.readString(TestData.repoRoot().resolve("data/cases/demo-case.yaml"))
                .replace("sides: [left, right]", "sides: [right]");
        TreatmentPlan plan = SacroplastyPlanning.plan(ph.ct(), ph.truthModel(), Optional.of(CaseFileReader.parse(good)),
                PlanningOptions.defaults());
        assertThat(plan.needles()).hasSize(1);
        assertThat(plan.needles().get(0).approach()).isEqualTo(org.sacroguide.planning.Approach.OBLIQUE_SI);
        assertThat(plan.needles().get(0).side()).isEqualTo(org.sacroguide.anatomy.Side.RIGHT);
        assertThat(plan.needles().get(0).plannedCementMl()).isEqualTo(4.0);

        TreatmentPlan none = SacroplastyPlanning.plan(ph.ct(), ph.truthModel(),
                Optional.of(CaseFileReader.parse(good.replace("inr: 1.1", "inr: 1.5"))), PlanningOptions.defaults());
        assertThat(none.needles()).isEmpty();
        assertThat(none.warnings()).anyMatch(w -> w.contains("NOT A CANDIDATE"));
        PlanWriter.write(none, ph.ct(), ph.truthModel(), Optional.empty(), dir);
        JsonNode root = JSON.readTree(dir.resolve("plan.json").toFile());
        assertThat(root.get("selection").get("verdict").asText()).isEqualTo("NOT A CANDIDATE");
        assertThat(root.get("selection").get("deciding").get(0).get("finding").asText()).contains("INR 1.50");
    }

    @Test
    void cement_outside_2_to_7_ml_is_warned() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(5, 3.0));
        TreatmentPlan plan = SacroplastyPlanning.plan(ph.ct(), ph.truthModel(), Optional.empty(),
                PlanningOptions.defaults().withPlannedCementMl(9));
        assertThat(plan.warnings()).anyMatch(w -> w.contains("outside 2-7 mL"));
        assertThat(plan.needles()).allMatch(n -> n.warnings().stream().anyMatch(w -> w.contains("outside 2-7 mL")));
    }
}
