package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectCommandTest {

    @TempDir
    Path tmp;

    private static Path demoCase() {
        return BundledData.demoDir().getParent().resolve("cases/demo-case.yaml");
    }

    private static String run(String... args) {
        CommandRun r = CommandRun.of(args);
        assertThat(r.exitCode()).isZero();
        return r.out();
    }

    @Test
    void the_demo_case_is_a_candidate_with_vertical_needles_and_the_sources_are_printed() {
        String out = run("select", demoCase().toString());
        assertThat(out).contains("Selection: CANDIDATE").contains("NOT FOR CLINICAL USE").contains("Strub")
                .contains("left: treat with VERTICAL");
    }

    @Test
    void inr_1_5_is_not_a_candidate_with_that_reason() throws Exception {
        Path c = tmp.resolve("case.yaml");
        Files.writeString(c, Files.readString(demoCase()).replace("inr: 1.1", "inr: 1.5"));
        String out = run("select", c.toString());
        assertThat(out).contains("Selection: NOT A CANDIDATE").contains("inr: INR 1.50 > 1.3, not corrected");
    }

    @Test
    void json_output_carries_the_verdict() {
        assertThat(run("select", demoCase().toString(), "--json")).contains("\"verdict\" : \"CANDIDATE\"")
                .contains("NOT FOR CLINICAL USE");
    }

    @Test
    void a_broken_case_file_exits_1_naming_the_field() throws Exception {
        Path c = tmp.resolve("bad.yaml");
        Files.writeString(c, "coagulation:\n  inr: lots\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(new PrintStream(err), true));
        assertThat(cl.execute("select", c.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("coagulation.inr must be a number");
    }
}
