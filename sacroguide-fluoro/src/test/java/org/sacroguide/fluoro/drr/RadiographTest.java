package org.sacroguide.fluoro.drr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RadiographTest {

    @Test
    void pfm_round_trips_with_the_top_row_first(@TempDir Path dir) throws Exception {
        float[] v = {1, 2, 3, 4, 5, 6};
        Radiograph r = new Radiograph(3, 2, v);
        Path f = dir.resolve("x.pfm");
        r.writePfm(f);
        byte[] bytes = Files.readAllBytes(f);
        String header = "Pf\n3 2\n-1\n";
        assertThat(new String(bytes, 0, header.length(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(header);
        assertThat(java.nio.ByteBuffer.wrap(bytes, header.length(), 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat())
                .isEqualTo(1f);
        assertThat(Radiograph.readPfm(f).lineIntegrals()).containsExactly(v);
    }

    @Test
    void ncc_is_one_for_scaled_copies_and_minus_one_for_inverted_ones() {
        float[] a = {1, 5, 2, 8, 3};
        float[] b = {2, 10, 4, 16, 6};
        float[] c = {-1, -5, -2, -8, -3};
        assertThat(Radiograph.ncc(a, b)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Radiograph.ncc(a, c)).isCloseTo(-1, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void fluoroscopy_shows_dense_rays_dark_and_radiographs_show_them_bright() {
        Radiograph r = new Radiograph(2, 1, new float[] {0.1f, 5f});
        FluoroImages.Window w = new FluoroImages.Window(0, 5);
        var fluoro = FluoroImages.toImage(r, w, FluoroImages.Display.FLUOROSCOPY);
        var film = FluoroImages.toImage(r, w, FluoroImages.Display.RADIOGRAPH);
        assertThat(fluoro.getRGB(1, 0) & 0xff).isLessThan(fluoro.getRGB(0, 0) & 0xff);
        assertThat(film.getRGB(1, 0) & 0xff).isGreaterThan(film.getRGB(0, 0) & 0xff);
    }
}
