package org.sacroguide.fluoro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.fluoro.cement.CementProperties;
import org.sacroguide.fluoro.cement.Extravasation;
import org.sacroguide.fluoro.cement.FractureGap;
import org.sacroguide.fluoro.cement.InjectionResult;
import org.sacroguide.fluoro.cement.InjectionSimulator;
import org.sacroguide.fluoro.drr.AttenuationModel;
import org.sacroguide.fluoro.drr.DrrGeometry;
import org.sacroguide.fluoro.drr.DrrRenderer;
import org.sacroguide.fluoro.drr.FluoroImages;
import org.sacroguide.fluoro.drr.MuVolume;
import org.sacroguide.fluoro.drr.NeedleOverlay;
import org.sacroguide.fluoro.drr.Radiograph;
import org.sacroguide.fluoro.drr.View;
import org.sacroguide.imaging.AtomicFile;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.render.GrayImages;

/**
 * The fluoroscopy rehearsal of a sacroplasty, the library entry point the command line and the demo call:
 * from a CT, its sacrum model and the planned needles it simulates the cement injection and writes, into one
 * folder, frontal (AP) and lateral frames every {@code frameStepMl} ({@code frames/}), an animated GIF of
 * both views, {@code events.json} (extravasation events, what each needle delivered, the model and its
 * parameters) and Fig-2-like spot films ({@code fig2_spot_films.png}, {@code fig2_ap.png},
 * {@code fig2_lateral.png}). The C-arm is centred on the sacrum (SAD 1000, SID 1500, 430 mm detector).
 * Every output says it is simulated and not for clinical use.
 */
public final class InjectionRehearsal {

    /** The notice every output carries. */
    public static final String NOTICE = "SIMULATED fluoroscopy and cement injection for research and training - NOT FOR "
            + "CLINICAL USE";

    /** What to simulate and draw. */
    public record Options(CementProperties cement, double frameStepMl, int pixels, List<FractureGap> extraGaps) {
        public Options {
            extraGaps = List.copyOf(extraGaps);
        }

        /** Typical cement, a frame every 0.5 mL, 512 x 512 pixels. */
        public static Options typical(long seed) {
            return new Options(CementProperties.typical(seed), 0.5, 512, List.of());
        }
    }

    /** What was written and what happened, for a report. */
    public record Summary(InjectionResult result, Path eventsJson, Path spotFilms, Path apSpotFilm, Path lateralSpotFilm,
                          Path animation, List<Path> frames, PatientPoint isocenterLps) {

        public Summary {
            frames = List.copyOf(frames);
        }

        /** One line per needle and per event, in words. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (InjectionResult.NeedleOutcome n : result.needles()) {
                out.add(String.format(Locale.ROOT, "%s needle: %.1f of %.1f mL injected, stopped: %s", n.side().lowerName(),
                        n.injectedMl(), n.plannedMl(), n.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
            for (Extravasation e : result.events()) {
                out.add(String.format(Locale.ROOT, "extravasation into %s after %.1f mL through the %s needle at %s, "
                        + "seen on the %s view", e.structure(), e.needleInjectedMl(), e.needleSide().lowerName(),
                        e.placeLps(), e.shownOn().name().toLowerCase(Locale.ROOT)));
            }
            if (result.events().isEmpty()) {
                out.add("no extravasation in the simulation");
            }
            return out;
        }
    }

    private InjectionRehearsal() {
    }

    /** Runs the rehearsal and writes its outputs into {@code outDir}. */
    public static Summary run(CtVolume ct, SacrumModel model, List<Needle> needles, Options o, Path outDir)
            throws FluoroInputException, IOException {
        InjectionResult result = InjectionSimulator.run(ct, model, needles, o.cement(), o.frameStepMl(), o.extraGaps());
        PatientPoint iso = sacrumCentre(model, ct.grid());
        MuVolume mu = MuVolume.of(ct, AttenuationModel.TISSUE_60KEV);
        View[] views = {View.AP, View.LATERAL};
        DrrGeometry[] geo = new DrrGeometry[2];
        Radiograph[] base = new Radiograph[2];
        FluoroImages.Window[] window = new FluoroImages.Window[2];
        for (int v = 0; v < 2; v++) {
            geo[v] = DrrGeometry.of(views[v].gantryAngleDeg(), 0, DrrGeometry.DEFAULT_SAD_MM, DrrGeometry.DEFAULT_SID_MM,
                    DrrGeometry.DEFAULT_DETECTOR_MM, DrrGeometry.DEFAULT_DETECTOR_MM, o.pixels(), o.pixels(), iso);
            Radiograph tissue = DrrRenderer.render(mu, geo[v]);
            window[v] = FluoroImages.Window.auto(enhance(tissue));
            base[v] = tissue.plus(NeedleOverlay.render(geo[v], needles));
        }
        Files.createDirectories(outDir.resolve("frames"));
        List<Path> framePaths = new ArrayList<>();
        List<BufferedImage> animation = new ArrayList<>();
        BufferedImage[] last = new BufferedImage[2];
        for (InjectionResult.Frame f : result.frames()) {
            MuVolume cement = cementVolume(result, f.steps());
            BufferedImage[] pics = new BufferedImage[2];
            for (int v = 0; v < 2; v++) {
                Radiograph r = enhance(base[v].plus(DrrRenderer.render(cement, geo[v])));
                pics[v] = FluoroImages.label(FluoroImages.toImage(r, window[v], FluoroImages.Display.FLUOROSCOPY),
                        String.format(Locale.ROOT, "%s  %.1f mL", views[v] == View.AP ? "Frontal (AP)" : "Lateral",
                                f.totalInjectedMl()));
                Path p = outDir.resolve("frames").resolve(String.format(Locale.ROOT, "%s_%05.2fml.png",
                        views[v].cliName(), f.totalInjectedMl()));
                GrayImages.writePng(pics[v], p);
                framePaths.add(p);
            }
            animation.add(sideBySide(pics[0], pics[1], 0.5));
            last = pics;
        }
        Path gif = outDir.resolve("injection.gif");
        writeGif(animation, 400, gif);
        BufferedImage apFig = spotFilm(last[0], geo[0], result, "Frontal (AP) spot film");
        BufferedImage latFig = spotFilm(last[1], geo[1], result, "Lateral spot film");
        Path apPath = outDir.resolve("fig2_ap.png");
        Path latPath = outDir.resolve("fig2_lateral.png");
        GrayImages.writePng(apFig, apPath);
        GrayImages.writePng(latFig, latPath);
        Path both = outDir.resolve("fig2_spot_films.png");
        GrayImages.writePng(sideBySide(apFig, latFig, 1.0), both);
        Path events = outDir.resolve("events.json");
        Summary summary = new Summary(result, events, both, apPath, latPath, gif, framePaths, iso);
        writeEvents(summary, needles, o, events);
        return summary;
    }

    private static Radiograph enhance(Radiograph r) {
        return FluoroImages.enhanced(r, Math.max(2, r.columns() / 32), 1.5);
    }

    /** Centroid of the sacrum label (LPS mm), or the CT's centre when the model has none. */
    static PatientPoint sacrumCentre(SacrumModel model, VoxelGrid ctGrid) {
        VoxelGrid g = model.labels().grid();
        byte[] l = model.labels().labelArray();
        double si = 0;
        double sj = 0;
        double sk = 0;
        long n = 0;
        byte sacrum = (byte) Structure.SACRUM.label();
        for (int v = 0; v < l.length; v++) {
            if (l[v] == sacrum) {
                si += v % g.columns();
                sj += (v / g.columns()) % g.rows();
                sk += v / (g.columns() * g.rows());
                n++;
            }
        }
        return n == 0 ? ctGrid.centre() : g.voxelCentre(si / n, sj / n, sk / n);
    }

    /** Cement after {@code steps} filled voxels as attenuation in excess of the tissue it replaced. */
    static MuVolume cementVolume(InjectionResult r, int steps) {
        AttenuationModel m = AttenuationModel.TISSUE_60KEV;
        int[] fill = r.fillStep();
        short[] codes = new short[fill.length];
        for (int v = 0; v < fill.length; v++) {
            if (fill[v] >= 0 && fill[v] < steps) {
                codes[v] = m.codeForMu(Math.max(0, AttenuationModel.CEMENT_60KEV - m.muPerMm(r.hu()[v])));
            }
        }
        return new MuVolume(r.grid(), codes, m.muPerCode());
    }

    private static BufferedImage sideBySide(BufferedImage a, BufferedImage b, double scale) {
        int w = (int) Math.round((a.getWidth() + b.getWidth()) * scale);
        int h = (int) Math.round(Math.max(a.getHeight(), b.getHeight()) * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(a, 0, 0, (int) Math.round(a.getWidth() * scale), (int) Math.round(a.getHeight() * scale), null);
        g.drawImage(b, (int) Math.round(a.getWidth() * scale), 0, (int) Math.round(b.getWidth() * scale),
                (int) Math.round(b.getHeight() * scale), null);
        g.dispose();
        return out;
    }

    /** The last frame with the events circled in red and the volumes per needle, as Fig. 2 of the paper. */
    private static BufferedImage spotFilm(BufferedImage frame, DrrGeometry g, InjectionResult r, String title) {
        BufferedImage img = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.drawImage(frame, 0, 0, null);
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int size = Math.max(9, img.getWidth() / 40);
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        gr.setColor(new Color(255, 200, 0));
        int y = 2 * size + 6;
        gr.drawString(title, 4, y);
        for (InjectionResult.NeedleOutcome n : r.needles()) {
            y += size + 2;
            gr.drawString(String.format(Locale.ROOT, "%s: %.1f mL", n.side().lowerName(), n.injectedMl()), 4, y);
        }
        gr.setStroke(new BasicStroke(2f));
        for (Extravasation e : r.events()) {
            double[] p = g.project(e.placeLps());
            if (p == null) {
                continue;
            }
            gr.setColor(Color.RED);
            int rad = Math.max(8, img.getWidth() / 40);
            gr.drawOval((int) p[0] - rad, (int) p[1] - rad, 2 * rad, 2 * rad);
            gr.drawString("leak: " + e.structure(), (int) p[0] + rad + 2, (int) p[1]);
        }
        gr.dispose();
        return img;
    }

    /** An animated GIF that loops, {@code delayMs} per frame, written atomically. */
    static void writeGif(List<BufferedImage> frames, int delayMs, Path target) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int n = 0; n < frames.size(); n++) {
                BufferedImage f = frames.get(n);
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(f);
                IIOMetadata meta = writer.getDefaultImageMetadata(type, writer.getDefaultWriteParam());
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString((n == frames.size() - 1 ? 4 * delayMs : delayMs) / 10));
                gce.setAttribute("transparentColorIndex", "0");
                if (n == 0) {
                    IIOMetadataNode apps = child(root, "ApplicationExtensions");
                    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                    app.setAttribute("applicationID", "NETSCAPE");
                    app.setAttribute("authenticationCode", "2.0");
                    app.setUserObject(new byte[] {1, 0, 0});
                    apps.appendChild(app);
                }
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(f, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        AtomicFile.write(target, out -> out.write(bytes.toByteArray()));
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    private static void writeEvents(Summary s, List<Needle> needles, Options o, Path target) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("notice", NOTICE);
        root.put("coordinateSystem", "LPS");
        root.put("units", "mm, mL, Pa s");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("method", "invasion percolation with viscous stabilisation on a 1 mm grid (see sacroguide-fluoro README)");
        model.put("initialViscosityPaS", o.cement().initialViscosityPaS());
        model.put("viscosityDoublingMin", o.cement().viscosityDoublingMin());
        model.put("injectionRateMlPerMin", o.cement().injectionRateMlPerMin());
        model.put("crossoverViscosityPaS", o.cement().crossoverViscosityPaS());
        model.put("permeabilityScale", o.cement().permeabilityScale());
        model.put("seed", o.cement().seed());
        model.put("frameStepMl", o.frameStepMl());
        model.put("stopRule", "each needle stops at its planned volume or at its first extravasation");
        root.put("simulation", model);
        root.put("isocenterLps", xyz(s.isocenterLps()));
        List<Object> ns = new ArrayList<>();
        for (int i = 0; i < needles.size(); i++) {
            Needle n = needles.get(i);
            InjectionResult.NeedleOutcome out = s.result().needles().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("side", n.side().lowerName());
            m.put("tipLps", xyz(n.tipLps()));
            m.put("skinEntryLps", xyz(n.skinEntryLps()));
            m.put("plannedCementMl", r3(n.plannedCementMl()));
            m.put("injectedMl", r3(out.injectedMl()));
            m.put("stopReason", out.stopReason().name());
            ns.add(m);
        }
        root.put("needles", ns);
        List<Object> ev = new ArrayList<>();
        for (Extravasation e : s.result().events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("needleSide", e.needleSide().lowerName());
            m.put("needleInjectedMl", r3(e.needleInjectedMl()));
            m.put("totalInjectedMl", r3(e.totalInjectedMl()));
            m.put("placeLps", xyz(e.placeLps()));
            m.put("structure", e.structure());
            m.put("shownOn", e.shownOn().name().toLowerCase(Locale.ROOT));
            ev.add(m);
        }
        root.put("events", ev);
        root.put("totalInjectedMl", r3(s.result().totalInjectedMl()));
        root.put("frames", s.result().frames().stream().map(f -> r3(f.totalInjectedMl())).toList());
        root.put("summary", s.lines());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFile.write(target, out -> out.write(json.writeValueAsBytes(root)));
    }

    private static List<Double> xyz(PatientPoint p) {
        return List.of(r3(p.x()), r3(p.y()), r3(p.z()));
    }

    private static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
