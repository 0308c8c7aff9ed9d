package org.sacroguide.anatomy.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sacroguide.anatomy.AlaDensity;
import org.sacroguide.anatomy.Detection;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.FractureCandidate;
import org.sacroguide.anatomy.LabelMap;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.SiJoint;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;
import org.sacroguide.imaging.render.GrayImages;
import org.sacroguide.imaging.render.SliceView;
import org.sacroguide.imaging.render.ViewPlane;

/**
 * What a person reads about a {@link SacrumModel}: axial, coronal and sagittal pictures through the sacrum
 * in a bone window with coloured label outlines and foramen centres, a one-paragraph summary, and the
 * content of {@code summary.json} as plain maps and lists (label values by structure name, per structure
 * volume in mL, confidence, landmarks in LPS mm, the reason when not found). Every text says it is not for
 * clinical use.
 */
public final class SacrumReport {

    public static final String NOT_FOR_CLINICAL_USE = "Research and training software: NOT FOR CLINICAL USE.";

    private SacrumReport() {
    }

    /** The outline colour of a structure in the overlays (RGB). */
    public static int colour(Structure s) {
        return switch (s) {
            case SACRUM -> 0xff3030;
            case SACRAL_CANAL -> 0xffd000;
            case ILIUM_LEFT, ILIUM_RIGHT -> 0x3090ff;
            case L5, L5_S1_DISC -> 0x30e030;
            case VESSEL -> 0xc000c0;
            case BOWEL -> 0x806040;
            default -> 0x00e0e0; // foramina
        };
    }

    /** The point the pictures pass through: the centre of the sacrum's canal or of the sacrum. */
    public static PatientPoint centre(SacrumModel m) {
        LabelMap l = m.labels();
        VoxelGrid g = l.grid();
        byte[] a = l.labelArray();
        for (Structure s : new Structure[] {Structure.SACRAL_CANAL, Structure.SACRUM}) {
            double x = 0;
            double y = 0;
            double z = 0;
            int n = 0;
            for (int v = 0; v < a.length; v++) {
                if (a[v] == s.label()) {
                    PatientPoint p = g.voxelCentre(v % g.columns(), (v / g.columns()) % g.rows(),
                            v / (g.columns() * g.rows()));
                    x += p.x();
                    y += p.y();
                    z += p.z();
                    n++;
                }
            }
            if (n > 0) {
                PatientPoint c = new PatientPoint(x / n, y / n, z / n);
                return s == Structure.SACRAL_CANAL ? new PatientPoint(m.midSagittal().point().x(), c.y(), c.z()) : c;
            }
        }
        return g.centre();
    }

    /** Axial, coronal and sagittal pictures through the sacrum (pixel size {@code pixelMm}). */
    public static Map<ViewPlane, BufferedImage> overlays(CtVolume ct, SacrumModel m, double pixelMm) {
        Map<ViewPlane, BufferedImage> out = new EnumMap<>(ViewPlane.class);
        PatientPoint c = centre(m);
        for (ViewPlane plane : ViewPlane.values()) {
            SliceView view = SliceView.through(ct.grid(), plane, c, pixelMm);
            BufferedImage img = GrayImages.render(ct, view, GrayImages.BONE_CENTRE_HU, GrayImages.BONE_WIDTH_HU);
            drawOutlines(img, view, m.labels());
            Graphics2D gr = img.createGraphics();
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (Foramen f : m.foramina()) {
                if (Math.abs(view.distanceFromPlaneMm(f.centre())) <= 6) {
                    double[] px = view.patientToPixel(f.centre());
                    gr.setColor(Color.WHITE);
                    gr.setStroke(new BasicStroke(1.5f));
                    gr.drawLine((int) px[0] - 4, (int) px[1], (int) px[0] + 4, (int) px[1]);
                    gr.drawLine((int) px[0], (int) px[1] - 4, (int) px[0], (int) px[1] + 4);
                }
            }
            gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, img.getWidth() / 40)));
            gr.setColor(Color.YELLOW);
            gr.drawString(plane.name().toLowerCase(Locale.ROOT) + " - not for clinical use", 4, img.getHeight() - 6);
            gr.dispose();
            out.put(plane, img);
        }
        return out;
    }

    private static void drawOutlines(BufferedImage img, SliceView view, LabelMap labels) {
        int w = view.width();
        int h = view.height();
        int[] lab = new int[w * h];
        VoxelGrid g = labels.grid();
        var toVoxel = g.patientToVoxel();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                PatientPoint v = toVoxel.apply(view.pixelToPatient(c, r));
                int i = (int) Math.round(v.x());
                int j = (int) Math.round(v.y());
                int k = (int) Math.round(v.z());
                lab[r * w + c] = g.contains(i, j, k) ? labels.labelAt(i, j, k) : 0;
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int x = lab[r * w + c];
                if (x == 0) {
                    continue;
                }
                boolean edge = c == 0 || r == 0 || c == w - 1 || r == h - 1 || lab[r * w + c - 1] != x
                        || lab[r * w + c + 1] != x || lab[(r - 1) * w + c] != x || lab[(r + 1) * w + c] != x;
                if (edge) {
                    Structure s = Structure.ofLabel(x).orElse(Structure.SACRUM);
                    img.setRGB(c, r, colour(s));
                }
            }
        }
    }

    /** One paragraph for a report: what was found, how sure, what to check. */
    public static String paragraph(SacrumModel m) {
        StringBuilder b = new StringBuilder();
        LabelMap l = m.labels();
        b.append(String.format(Locale.ROOT, "Automatic sacrum model: sacrum %.0f mL", l.volumeMl(Structure.SACRUM)));
        b.append(m.detection(Structure.SACRAL_CANAL).isFound() ? ", central canal found" : ", central canal not found");
        List<String> found = new ArrayList<>();
        for (Foramen f : m.foramina()) {
            found.add(f.level() + " " + f.side().lowerName());
        }
        b.append(found.isEmpty() ? ", no foramina found" : ", foramina " + String.join(", ", found));
        for (Side side : Side.values()) {
            SiJoint j = m.siJoints().get(side);
            if (j != null && j.detection().isFound()) {
                b.append(String.format(Locale.ROOT, ", %s SI joint (%d surface points)", side.lowerName(),
                        j.surfacePoints().size()));
            }
        }
        b.append('.');
        for (Side side : Side.values()) {
            AlaDensity d = m.alaDensity().get(side);
            if (d != null) {
                b.append(String.format(Locale.ROOT, " %s ala %.0f +/- %.0f HU.", side == Side.LEFT ? "Left" : "Right",
                        d.meanHu(), d.sdHu()));
            }
        }
        for (FractureCandidate f : m.fractures()) {
            b.append(String.format(Locale.ROOT, " Possible %s in the %s ala (Denis zone %s, %.0f mm long).",
                    f.kind() == FractureCandidate.Kind.SCLEROSIS ? "sclerotic band" : "low-density band",
                    f.side().lowerName(), f.zone(), f.craniocaudalExtentMm()));
        }
        for (String w : m.warnings()) {
            b.append(" Warning: ").append(w).append('.');
        }
        b.append(" Classical image analysis, checked against one reference CT and synthetic phantoms; a "
                + "radiologist must review every contour. ").append(NOT_FOR_CLINICAL_USE);
        return b.toString();
    }

    /** The content of summary.json as maps and lists (LPS mm, mL). */
    public static Map<String, Object> summary(SacrumModel m) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("notice", NOT_FOR_CLINICAL_USE);
        root.put("coordinates", "DICOM patient coordinates (LPS), millimetres");
        Map<String, Object> labels = new LinkedHashMap<>();
        for (Structure s : Structure.values()) {
            labels.put(s.jsonName(), s.label());
        }
        root.put("labels", labels);
        Map<String, Object> structures = new LinkedHashMap<>();
        for (Structure s : Structure.values()) {
            if (s == Structure.VESSEL || s == Structure.BOWEL) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            Detection d = m.detection(s);
            e.put("label", s.label());
            e.put("found", d.isFound());
            e.put("volume_ml", round(m.labels().volumeMl(s), 2));
            e.put("confidence", round(d.confidence(), 2));
            d.reason().ifPresent(r -> e.put("reason", r));
            if (s.isForamen()) {
                for (Foramen f : m.foramina()) {
                    if (f.structure() == s) {
                        e.put("centre_lps_mm", point(f.centre()));
                        List<Object> line = new ArrayList<>();
                        for (PatientPoint p : f.centreLine()) {
                            line.add(point(p));
                        }
                        e.put("centre_line_lps_mm", line);
                    }
                }
            }
            structures.put(s.jsonName(), e);
        }
        root.put("structures", structures);
        Map<String, Object> joints = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            SiJoint j = m.siJoints().get(side);
            if (j == null) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("found", j.detection().isFound());
            e.put("confidence", round(j.detection().confidence(), 2));
            j.detection().reason().ifPresent(r -> e.put("reason", r));
            e.put("surface_points", j.surfacePoints().size());
            if (j.detection().isFound()) {
                e.put("plane_point_lps_mm", point(j.fittedPlane().point()));
                e.put("plane_normal_lps", point(j.fittedPlane().normal()));
            }
            joints.put("si_joint_" + side.lowerName(), e);
        }
        root.put("si_joints", joints);
        // insertion-ordered maps and sides in a fixed order: Map.of and the model's maps iterate in an order
        // that changes from run to run, and the same CT must give the same summary.json
        Map<String, Object> mid = new LinkedHashMap<>();
        mid.put("point_lps_mm", point(m.midSagittal().point()));
        mid.put("normal_lps", point(m.midSagittal().normal()));
        root.put("mid_sagittal_plane", mid);
        Map<String, Object> density = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            AlaDensity d = m.alaDensity().get(side);
            if (d == null) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("mean_hu", round(d.meanHu(), 1));
            e.put("sd_hu", round(d.sdHu(), 1));
            e.put("voxels", d.voxels());
            density.put("ala_" + side.lowerName(), e);
        }
        root.put("bone_density", density);
        List<Object> fr = new ArrayList<>();
        for (FractureCandidate f : m.fractures()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("side", f.side().lowerName());
            e.put("denis_zone", f.zone().name());
            e.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
            e.put("centre_lps_mm", point(f.centre()));
            e.put("craniocaudal_extent_mm", round(f.craniocaudalExtentMm(), 1));
            e.put("confidence", round(f.confidence(), 2));
            fr.add(e);
        }
        root.put("fracture_candidates", fr);
        root.put("warnings", m.warnings());
        root.put("summary", paragraph(m));
        return root;
    }

    private static List<Double> point(PatientPoint p) {
        return List.of(round(p.x(), 2), round(p.y(), 2), round(p.z(), 2));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
