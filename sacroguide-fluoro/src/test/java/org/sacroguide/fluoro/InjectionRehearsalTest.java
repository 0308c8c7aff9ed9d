package org.sacroguide.fluoro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.fluoro.cement.CementProperties;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

class InjectionRehearsalTest {

    private static PatientPoint alaCentre(SacrumModel m, int flag) {
        VoxelGrid g = m.labels().grid();
        double sx = 0;
        double sy = 0;
        double sz = 0;
        int n = 0;
        int both = flag | SacrumModel.PartFlags.TRABECULAR;
        for (int v = 0; v < m.partFlags().length; v++) {
            if ((m.partFlags()[v] & both) == both) {
                PatientPoint p = g.voxelCentre(v % g.columns(), (v / g.columns()) % g.rows(), v / (g.columns() * g.rows()));
                sx += p.x();
                sy += p.y();
                sz += p.z();
                n++;
            }
        }
        return new PatientPoint(sx / n, sy / n, sz / n);
    }

    @Test
    void writes_frames_every_half_millilitre_an_animation_events_and_spot_films(@TempDir Path dir) throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(11, 2.0).withOsteoporosis(true));
        SacrumModel m = ph.truthModel();
        PatientPoint left = alaCentre(m, SacrumModel.PartFlags.ALA_LEFT);
        PatientPoint right = alaCentre(m, SacrumModel.PartFlags.ALA_RIGHT);
        List<Needle> needles = List.of(
                Needle.of(Side.LEFT, left, left.plus(new PatientPoint(0, 90, 0)), 3.05, 2.0, ph.ct().grid()),
                Needle.of(Side.RIGHT, right, right.plus(new PatientPoint(0, 90, 0)), 3.05, 2.0, ph.ct().grid()));
        InjectionRehearsal.Options o = new InjectionRehearsal.Options(CementProperties.typical(1), 0.5, 128, List.of());
        InjectionRehearsal.Summary s = InjectionRehearsal.run(ph.ct(), m, needles, o, dir);

        assertThat(s.result().totalInjectedMl()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
        // frames at 0, 0.5, ..., 4.0 mL, both views
        assertThat(s.frames()).hasSize(2 * 9);
        assertThat(dir.resolve("frames/ap_04.00ml.png")).exists();
        assertThat(dir.resolve("frames/lateral_00.50ml.png")).exists();
        var lastAp = ImageIO.read(dir.resolve("frames/ap_04.00ml.png").toFile());
        var firstAp = ImageIO.read(dir.resolve("frames/ap_00.00ml.png").toFile());
        assertThat(darkPixels(lastAp)).as("cement shows dark on fluoroscopy").isGreaterThan(darkPixels(firstAp));
        try (ImageInputStream in = ImageIO.createImageInputStream(s.animation().toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            assertThat(r.getNumImages(true)).isEqualTo(9);
        }
        JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(s.eventsJson()));
        assertThat(json.get("notice").asText()).contains("NOT FOR CLINICAL USE");
        assertThat(json.get("needles")).hasSize(2);
        assertThat(json.get("needles").get(0).get("stopReason").asText()).isEqualTo("PLANNED_VOLUME_REACHED");
        assertThat(json.get("events").isArray()).isTrue();
        assertThat(s.spotFilms()).exists();
        assertThat(ImageIO.read(s.spotFilms().toFile()).getWidth()).isEqualTo(256);
        assertThat(s.lines()).anyMatch(l -> l.startsWith("left needle: 2.0 of 2.0 mL"));
    }

    private static int darkPixels(java.awt.image.BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xff) < 40) {
                    n++;
                }
            }
        }
        return n;
    }
}
