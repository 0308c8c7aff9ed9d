package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluoroCommandTest {

    @TempDir
    Path tmp;

    /** Two vertical 11G needles in the sacral alae of the bundled CT, as 'sacroguide plan' places them. */
    private Path plan(String leftMl) throws Exception {
        Path ct = CommandRun.repoRoot().resolve("data/demo/ct.nii.gz");
        String json = "{\"ct\":\"" + ct.toString().replace("\\", "/") + "\",\"needles\":["
                + "{\"side\":\"left\",\"targetLps\":[30.96,-95.32,226.3],\"skinEntryLps\":[30.96,-21.3,226.3],"
                + "\"outerDiameterMm\":3.05,\"plannedCementMl\":" + leftMl + "},"
                + "{\"side\":\"right\",\"targetLps\":[-35.04,-101.32,217.3],\"skinEntryLps\":[-35.04,-21.8,217.3],"
                + "\"outerDiameterMm\":3.05,\"plannedCementMl\":1.0}]}";
        Path p = tmp.resolve("plan.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void rehearses_the_injection_and_writes_events_frames_and_spot_films() throws Exception {
        Path out = tmp.resolve("fluoro");
        CommandRun r = CommandRun.of("fluoro", plan("1.0").toString(), "--sacrum-mask",
                CommandRun.repoRoot().resolve("data/demo/sacrum.nii.gz").toString(), "--pixels", "64", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("NOT FOR CLINICAL USE").contains("left needle:");
        assertThat(Files.readString(out.resolve("events.json"))).contains("NOT FOR CLINICAL USE").contains("\"events\"");
        assertThat(out.resolve("fig2_spot_films.png")).isRegularFile();
        assertThat(out.resolve("injection.gif")).isRegularFile();
        assertThat(out.resolve("frames/ap_00.50ml.png")).isRegularFile();
    }

    @Test
    void refuses_a_zero_volume_with_a_clear_message() throws Exception {
        CommandRun r = CommandRun.of("fluoro", plan("0").toString(), "-o", tmp.resolve("z").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("left needle: planned cement volume must lie in (0, 30] mL, was 0.00 mL");
    }
}
