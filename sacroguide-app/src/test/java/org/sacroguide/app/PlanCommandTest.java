package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.planning.PlanningInputs;

class PlanCommandTest {

    @TempDir
    Path tmp;

    private static Path demo(String f) {
        return BundledData.demoFile(f);
    }

    private static Path demoCase() {
        return BundledData.demoDir().getParent().resolve("cases/demo-case.yaml");
    }

    @Test
    void plans_the_bundled_ct_from_its_sacrum_mask_and_writes_plan_markups_and_figures() throws Exception {
        Path out = tmp.resolve("plan");
        int code = Main.run("plan", demo("ct.nii.gz").toString(), "--case", demoCase().toString(),
                "--sacrum-mask", demo("sacrum.nii.gz").toString(), "--ilium-left-mask", demo("hip_left.nii.gz").toString(),
                "--ilium-right-mask", demo("hip_right.nii.gz").toString(), "-o", out.toString());
        assertThat(code).isZero();
        JsonNode plan = new ObjectMapper().readTree(out.resolve("plan.json").toFile());
        assertThat(plan.get("schema").asText()).isEqualTo("sacroguide-plan/1");
        assertThat(plan.get("selection").get("verdict").asText()).isEqualTo("CANDIDATE");
        assertThat(out.resolve(plan.get("ct").asText()).toRealPath()).isEqualTo(demo("ct.nii.gz").toRealPath());
        assertThat(plan.get("needles").size() + plan.get("infeasible").size()).isEqualTo(2);
        for (JsonNode n : plan.get("needles")) {
            assertThat(n.get("approach").asText()).isEqualTo("VERTICAL");
            assertThat(out.resolve(n.get("markup").asText())).isRegularFile();
            assertThat(Files.size(out.resolve(n.get("figure").asText()))).isGreaterThan(10_000);
        }
    }

    @Test
    void a_plan_on_the_automatic_segmentation_warns_that_it_must_be_checked() throws Exception {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        System.setOut(new PrintStream(stdout, true));
        try {
            Main.run("plan", demo("ct.nii.gz").toString(), "-o", tmp.resolve("auto").toString());
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        assertThat(err.toString()).contains("warning: " + PlanningInputs.AUTOMATIC_MODEL_WARNING);
        String both = stdout.toString() + err.toString();
        assertThat(both.split(java.util.regex.Pattern.quote(PlanningInputs.AUTOMATIC_MODEL_WARNING), -1))
                .as("the warning is printed once").hasSize(2);
        assertThat(stdout.toString()).contains("NOT FOR CLINICAL USE").doesNotContain("warning: ");
        JsonNode plan = new ObjectMapper().readTree(tmp.resolve("auto").resolve("plan.json").toFile());
        assertThat(plan.get("warnings").get(0).asText()).as("the warning travels with plan.json")
                .isEqualTo(PlanningInputs.AUTOMATIC_MODEL_WARNING);
    }

    @Test
    void a_missing_ct_exits_1_with_one_line() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(new PrintStream(err), true));
        int code = cl.execute("plan", tmp.resolve("none.nii.gz").toString(), "-o", tmp.resolve("o").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("sacroguide plan: ").doesNotContain("at org.");
    }

    @Test
    void ilium_masks_without_a_sacrum_mask_are_a_usage_error() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(new PrintStream(err), true));
        int code = cl.execute("plan", demo("ct.nii.gz").toString(), "--ilium-left-mask", demo("hip_left.nii.gz").toString(),
                "-o", tmp.resolve("o").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("need --sacrum-mask");
    }
}
