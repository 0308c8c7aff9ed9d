package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.fluoro.drr.Radiograph;

class DrrCommandTest {

    @TempDir
    Path tmp;

    private static String ct() {
        return CommandRun.repoRoot().resolve("data/demo/ct.nii.gz").toString();
    }

    @Test
    void renders_one_view_as_png_that_says_it_is_simulated() throws Exception {
        Path png = tmp.resolve("ap.png");
        CommandRun r = CommandRun.of("drr", ct(), "--view", "ap", "--pixels", "96", "--detector-mm", "300", "-o", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("NOT FOR CLINICAL USE").contains("isocentre (LPS mm)");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(96);
    }

    @Test
    void renders_a_sweep_as_pfm_with_plastimatch_numbering_and_scale() throws Exception {
        CommandRun r = CommandRun.of("drr", ct(), "--angles", "0:90:2", "--attenuation", "plastimatch", "--pixels", "64",
                "--isocenter-of", CommandRun.repoRoot().resolve("data/demo/sacrum.nii.gz").toString(), "--format", "pfm",
                "-o", tmp.resolve("sweep").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Radiograph lateral = Radiograph.readPfm(tmp.resolve("sweep_0000.pfm"));
        Radiograph ap = Radiograph.readPfm(tmp.resolve("sweep_0001.pfm"));
        assertThat(lateral.columns()).isEqualTo(64);
        // 0.1 x the line integral: a pelvis is a few tens of mm of water-equivalent, so values of a few units
        assertThat(ap.at(32, 32)).isBetween(0.5f, 10f);
    }

    @Test
    void renders_several_views_in_one_run() {
        CommandRun r = CommandRun.of("drr", ct(), "--views", "ap,lateral", "--pixels", "48", "--lao", "20", "--cranial", "10",
                "-o", tmp.resolve("v").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("v_ap.png")).exists();
        assertThat(tmp.resolve("v_lateral.png")).exists();
    }

    @Test
    void refuses_an_isocentre_outside_the_ct_with_exit_code_1() {
        CommandRun r = CommandRun.of("drr", ct(), "--isocenter", "0,0,5000", "-o", tmp.resolve("x.png").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("lies outside the CT").doesNotContain("at org.");
    }

    @Test
    void refuses_an_absurd_detector_with_exit_code_2() {
        CommandRun r = CommandRun.of("drr", ct(), "--detector-mm", "5000", "-o", tmp.resolve("x.png").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("detector must be 10-1000 mm");
        assertThat(Files.exists(tmp.resolve("x.png"))).isFalse();
    }
}
