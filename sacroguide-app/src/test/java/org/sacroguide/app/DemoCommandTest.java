package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void demo_runs_every_stage_and_writes_a_report_that_says_it_is_not_for_clinical_use() throws Exception {
        Path out = tmp.resolve("demo");
        int code = Main.run("demo", "-o", out.toString());
        assertThat(code).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html.indexOf("NOT FOR CLINICAL USE")).isBetween(0, 2000);
        assertThat(html).contains("122 x 101 x 112 voxels").contains("Dice").contains("CANDIDATE")
                .contains("VERTICAL").contains("Injection rehearsal")
                .contains("Outcomes registry").contains("DEMO-001").contains("Chandra");
        for (String plane : new String[] {"axial", "coronal", "sagittal"}) {
            assertThat(Files.size(out.resolve("sacrum_auto_" + plane + ".png"))).isGreaterThan(1000);
            assertThat(Files.size(out.resolve("sacrum_masks_" + plane + ".png"))).isGreaterThan(1000);
        }
        String plan = Files.readString(out.resolve("plan/plan.json"));
        assertThat(plan).contains("\"needles\"").contains("targetLps").contains("NOT FOR CLINICAL USE");
        assertThat(out.resolve("plan/needle_left.mrk.json")).isRegularFile();
        assertThat(out.resolve("fluoro/events.json")).isRegularFile();
        assertThat(out.resolve("fluoro/injection.gif")).isRegularFile();
        for (var m : java.util.regex.Pattern.compile("src=\"([^\"]+)\"").matcher(html).results().toList()) {
            assertThat(out.resolve(m.group(1))).as("picture referenced by the report").isRegularFile();
        }
    }

    @Test
    void unknown_options_exit_with_usage_code_2_and_no_stack_trace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(new PrintStream(err), true));
        int code = cl.execute("demo", "--no-such-option");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option").doesNotContain("at org.");
    }

    @Test
    void help_lists_the_exit_codes() {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        var cl = Main.commandLine();
        cl.setOut(new java.io.PrintWriter(new PrintStream(outBytes), true));
        assertThat(cl.execute("--help")).isZero();
        assertThat(outBytes.toString()).contains("Exit codes").contains("NOT FOR CLINICAL USE");
    }
}
