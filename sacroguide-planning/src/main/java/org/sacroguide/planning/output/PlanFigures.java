package org.sacroguide.planning.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.render.GrayImages;
import org.sacroguide.imaging.render.SliceView;
import org.sacroguide.imaging.render.ViewPlane;
import org.sacroguide.planning.NeedlePlan;
import org.sacroguide.planning.trajectory.TrajectoryPlanner;

/**
 * Pictures of a plan in the manner of Strub et al. 2007, Fig. 1: the axial CT slice through the needle
 * target in a bone window (patient's left on the image's right, posterior down), the needle drawn at its
 * outer diameter from skin to tip (projected when tilted), the foramina and canal tinted red and the ilium
 * green on that slice, and the clearances written beside it. Every picture says it is not for clinical use.
 */
public final class PlanFigures {

    /** Pixel size of the figures, mm. */
    public static final double PIXEL_MM = 0.3;
    /** Narrowest field shown, mm (wide enough for both sacroiliac joints). */
    static final double MIN_WIDTH_MM = 220;

    private PlanFigures() {
    }

    public static BufferedImage axial(CtVolume ct, SacrumModel model, NeedlePlan n) {
        PatientPoint skin = n.skinEntryLps();
        PatientPoint tip = n.targetLps();
        double mid = model.midSagittal().point().x();
        double mirrored = 2 * mid - tip.x();
        double xmin = Math.min(Math.min(skin.x(), tip.x()), mirrored) - 45;
        double xmax = Math.max(Math.max(skin.x(), tip.x()), mirrored) + 45;
        if (xmax - xmin < MIN_WIDTH_MM) {
            double grow = (MIN_WIDTH_MM - (xmax - xmin)) / 2;
            xmin -= grow;
            xmax += grow;
        }
        double ymin = Math.min(skin.y(), tip.y()) - 50;
        double ymax = Math.max(skin.y(), tip.y()) + 15;
        int w = (int) Math.round((xmax - xmin) / PIXEL_MM);
        int h = (int) Math.round((ymax - ymin) / PIXEL_MM);
        SliceView view = new SliceView(ViewPlane.AXIAL, new PatientPoint(xmin, ymin, tip.z()), PIXEL_MM, w, h);
        BufferedImage img = GrayImages.render(ct, view, GrayImages.BONE_CENTRE_HU, GrayImages.BONE_WIDTH_HU);
        tint(img, view, model);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        List<String> lines = wrap(lines(n), font, w - 20);
        int panel = 17 * lines.size() + 50;
        BufferedImage out = new BufferedImage(w, h + panel, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.drawImage(img, 0, 0, null);
        double[] a = view.patientToPixel(skin);
        double[] b = view.patientToPixel(tip);
        double[] e = view.patientToPixel(n.boneEntryLps());
        float od = (float) (n.gauge().outerDiameterMm() / PIXEL_MM);
        g.setColor(new Color(255, 220, 0));
        g.setStroke(new BasicStroke(od, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
        g.setStroke(new BasicStroke(2f));
        g.setColor(Color.CYAN);
        g.draw(new Ellipse2D.Double(e[0] - 6, e[1] - 6, 12, 12));
        g.setColor(Color.MAGENTA);
        g.draw(new Ellipse2D.Double(b[0] - 6, b[1] - 6, 12, 12));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.WHITE);
        g.drawString("R", 8, h / 2);
        g.drawString("L", w - 20, h / 2);
        g.drawString("A", w / 2, 20);
        g.drawString("P", w / 2, h - 8);
        // scale bar: 20 mm
        int bar = (int) Math.round(20 / PIXEL_MM);
        g.fillRect(10, h - 20, bar, 4);
        g.drawString("20 mm", 14 + bar, h - 12);
        g.setColor(new Color(20, 20, 20));
        g.fillRect(0, h, w, panel);
        g.setColor(Color.WHITE);
        g.setFont(font);
        int y = h + 18;
        for (String s : lines) {
            g.drawString(s, 10, y);
            y += 17;
        }
        g.setColor(new Color(255, 120, 120));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(PlanWriter.NOTICE, 10, h + panel - 10);
        g.dispose();
        return out;
    }

    private static List<String> wrap(List<String> in, Font font, int widthPx) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        java.awt.FontMetrics fm = g.getFontMetrics(font);
        List<String> out = new ArrayList<>();
        for (String line : in) {
            StringBuilder cur = new StringBuilder();
            for (String word : line.split(" ")) {
                String next = cur.length() == 0 ? word : cur + " " + word;
                if (fm.stringWidth(next) > widthPx && cur.length() > 0) {
                    out.add(cur.toString());
                    cur = new StringBuilder("    " + word);
                } else {
                    cur = new StringBuilder(next);
                }
            }
            out.add(cur.toString());
        }
        g.dispose();
        return out;
    }

    static List<String> lines(NeedlePlan n) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%s %s needle, %s (%.2f mm OD): %.1f mm from skin, %.1f mm in bone",
                n.side().lowerName(), n.approach().name(), n.gauge().label(), n.gauge().outerDiameterMm(),
                n.lengthFromSkinMm(), n.boneLengthMm()));
        out.add(String.format(Locale.ROOT, "angle to table %.1f deg, craniocaudal tilt %.1f deg%s, in-plane %.1f deg from vertical",
                n.angleToTableDeg(), n.angleToAxialPlaneDeg(), Math.abs(n.angleToAxialPlaneDeg()) > 0.5 ? " (needle projected)" : "",
                n.axialAngleFromVerticalDeg()));
        out.add(String.format(Locale.ROOT, "axial slice z = %.1f mm (LPS) through the target; yellow: needle, cyan: bone entry, magenta: tip",
                n.targetLps().z()));
        List<Map.Entry<String, Double>> c = n.clearancesMm().entrySet().stream()
                .filter(x -> !x.getKey().equals("anterior_cortex"))
                .sorted(Map.Entry.comparingByValue()).limit(4).toList();
        StringBuilder sb = new StringBuilder("closest: ");
        for (int i = 0; i < c.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(String.format(Locale.ROOT, "%s %.1f mm", TrajectoryPlanner.describe(c.get(i).getKey()).replace("the ", ""),
                    c.get(i).getValue()));
        }
        out.add(sb.toString());
        out.add(String.format(Locale.ROOT, "tip %.1f mm behind the anterior cortex, %.1f mm of bone ahead; safe corridor %.1f mm",
                n.tipBehindAnteriorCortexMm(), n.boneAheadOfTipMm(), n.safeCorridorDiameterMm()));
        out.add(String.format(Locale.ROOT, "planned cement %.1f mL (usual 2-4 mL per side)", n.plannedCementMl()));
        out.add("clearances from the needle's outer surface; red: foramina and canal, green: ilium (model, this slice)");
        for (String w : n.warnings()) {
            out.add("warning: " + w);
        }
        return out;
    }

    private static void tint(BufferedImage img, SliceView view, SacrumModel model) {
        VoxelGrid grid = model.labels().grid();
        var toVoxel = grid.patientToVoxel();
        for (int r = 0; r < view.height(); r++) {
            for (int c = 0; c < view.width(); c++) {
                PatientPoint v = toVoxel.apply(view.pixelToPatient(c, r));
                int i = (int) Math.round(v.x());
                int j = (int) Math.round(v.y());
                int k = (int) Math.round(v.z());
                if (!grid.contains(i, j, k)) {
                    continue;
                }
                int l = model.labels().labelAt(i, j, k);
                int rgb = img.getRGB(c, r);
                int red = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int bl = rgb & 0xff;
                boolean neural = l == Structure.SACRAL_CANAL.label()
                        || (l >= Structure.FORAMEN_S1_LEFT.label() && l <= Structure.FORAMEN_S4_RIGHT.label());
                boolean ilium = l == Structure.ILIUM_LEFT.label() || l == Structure.ILIUM_RIGHT.label();
                if (neural) {
                    img.setRGB(c, r, (Math.min(255, red / 2 + 128) << 16) | ((gr / 2) << 8) | (bl / 2));
                } else if (ilium) {
                    img.setRGB(c, r, ((red * 3 / 4) << 16) | (Math.min(255, gr * 3 / 4 + 50) << 8) | (bl * 3 / 4));
                }
            }
        }
    }
}
