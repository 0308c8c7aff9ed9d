package org.sacroguide.planning.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.AtomicFile;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.render.GrayImages;
import org.sacroguide.planning.InfeasibleSide;
import org.sacroguide.planning.NeedlePlan;
import org.sacroguide.planning.PlanningOptions;
import org.sacroguide.planning.TreatmentPlan;
import org.sacroguide.planning.selection.RuleOutcome;
import org.sacroguide.planning.selection.SelectionDecision;

/**
 * Writes a {@link TreatmentPlan} into a folder: {@code plan.json} (schema {@value #SCHEMA}, documented in
 * the planning README), one 3D Slicer line markup per needle ({@code needle_<side>.mrk.json}, LPS) and one
 * axial figure per needle in the manner of Strub et al. 2007, Fig. 1 ({@code needle_<side>_axial.png}).
 * Every file is written atomically and says it is not for clinical use.
 */
public final class PlanWriter {

    public static final String SCHEMA = "sacroguide-plan/1";
    public static final String NOTICE = "SacroGuide research and training software: NOT FOR CLINICAL USE.";
    static final String MARKUPS_SCHEMA =
            "https://raw.githubusercontent.com/slicer/slicer/master/Modules/Loadable/Markups/Resources/Schema/markups-schema-v1.0.3.json#";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanWriter() {
    }

    /** Writes everything; {@code ctPath} (if known) is stored relative to the plan file. Returns the files written. */
    public static List<Path> write(TreatmentPlan plan, CtVolume ct, SacrumModel model, Optional<Path> ctPath, Path dir)
            throws IOException {
        List<Path> written = new ArrayList<>();
        Map<Side, String> figures = new LinkedHashMap<>();
        Map<Side, String> markups = new LinkedHashMap<>();
        for (NeedlePlan n : plan.needles()) {
            String base = "needle_" + n.side().lowerName();
            Path mrk = dir.resolve(base + ".mrk.json");
            AtomicFile.writeString(mrk, JSON.writeValueAsString(markup(n)));
            written.add(mrk);
            markups.put(n.side(), mrk.getFileName().toString());
            BufferedImage img = PlanFigures.axial(ct, model, n);
            Path png = dir.resolve(base + "_axial.png");
            GrayImages.writePng(img, png);
            written.add(png);
            figures.put(n.side(), png.getFileName().toString());
        }
        Path json = dir.resolve("plan.json");
        AtomicFile.writeString(json, JSON.writeValueAsString(planJson(plan, ctPath, dir, figures, markups)) + "\n");
        written.add(0, json);
        return written;
    }

    /** The plan.json content as a tree of maps and lists. */
    public static Map<String, Object> planJson(TreatmentPlan plan, Optional<Path> ctPath, Path dir,
                                               Map<Side, String> figures, Map<Side, String> markups) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("notice", NOTICE);
        root.put("coordinateSystem", "LPS");
        root.put("units", "mm");
        root.put("ct", ctPath.map(p -> relative(dir, p)).orElse(null));
        root.put("selection", plan.selection().map(PlanWriter::selectionJson).orElse(null));
        root.put("options", options(plan.options()));
        List<Object> needles = new ArrayList<>();
        for (NeedlePlan n : plan.needles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("side", n.side().lowerName());
            m.put("approach", n.approach().name());
            m.put("skinEntryLps", xyz(n.skinEntryLps()));
            m.put("boneEntryLps", xyz(n.boneEntryLps()));
            m.put("targetLps", xyz(n.targetLps()));
            m.put("gauge", n.gauge().label());
            m.put("outerDiameterMm", n.gauge().outerDiameterMm());
            m.put("lengthFromSkinMm", r2(n.lengthFromSkinMm()));
            m.put("lengthInBoneMm", r2(n.boneLengthMm()));
            m.put("angleToTableDeg", r2(n.angleToTableDeg()));
            m.put("angleToAxialPlaneDeg", r2(n.angleToAxialPlaneDeg()));
            m.put("axialAngleFromVerticalDeg", r2(n.axialAngleFromVerticalDeg()));
            Map<String, Object> c = new LinkedHashMap<>();
            n.clearancesMm().forEach((k, v) -> c.put(k, r2(v)));
            m.put("clearancesMm", c);
            m.put("minClearanceMm", r2(n.minClearanceMm()));
            m.put("limitingStructure", n.limitingStructure());
            m.put("safeCorridorDiameterMm", r2(n.safeCorridorDiameterMm()));
            m.put("tipBehindAnteriorCortexMm", r2(n.tipBehindAnteriorCortexMm()));
            m.put("boneAheadOfTipMm", r2(n.boneAheadOfTipMm()));
            m.put("plannedCementMl", r2(n.plannedCementMl()));
            m.put("usualCementRangeMl", List.of(PlanningOptions.CEMENT_USUAL_MIN_ML, PlanningOptions.CEMENT_USUAL_MAX_ML));
            m.put("figure", figures.get(n.side()));
            m.put("markup", markups.get(n.side()));
            m.put("warnings", n.warnings());
            needles.add(m);
        }
        root.put("needles", needles);
        List<Object> inf = new ArrayList<>();
        for (InfeasibleSide s : plan.infeasible()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("side", s.side().lowerName());
            m.put("approach", s.approach().name());
            m.put("reason", s.reason());
            inf.add(m);
        }
        root.put("infeasible", inf);
        root.put("warnings", plan.warnings());
        return root;
    }

    private static String relative(Path dir, Path ct) {
        try {
            return dir.toAbsolutePath().normalize().relativize(ct.toAbsolutePath().normalize()).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return ct.toAbsolutePath().toString();
        }
    }

    /** The "selection" block of plan.json. */
    public static Map<String, Object> selectionJson(SelectionDecision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", d.verdict().label());
        m.put("ruleTableVersion", d.ruleTableVersion());
        m.put("deciding", d.deciding().stream().map(PlanWriter::outcome).toList());
        m.put("outcomes", d.outcomes().stream().map(PlanWriter::outcome).toList());
        m.put("treatedSides", d.treatedSides().stream().sorted().map(Side::lowerName).toList());
        Map<String, Object> ap = new LinkedHashMap<>();
        d.approaches().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> ap.put(e.getKey().lowerName(), e.getValue().name()));
        m.put("approaches", ap);
        m.put("approachOverride", d.override().map(o -> {
            Map<String, Object> ov = new LinkedHashMap<>();
            ov.put("approach", o.approach().name());
            ov.put("reason", o.reason());
            return ov;
        }).orElse(null));
        m.put("targetLevel", d.targetLevel().name());
        m.put("notes", d.notes());
        return m;
    }

    private static Map<String, Object> outcome(RuleOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", o.rule().id());
        m.put("kind", o.rule().kind().name());
        m.put("status", o.status().name());
        m.put("finding", o.finding());
        m.put("source", o.rule().source());
        return m;
    }

    private static Map<String, Object> options(PlanningOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gauge", o.gauge().label());
        m.put("minNeuralClearanceMm", o.minNeuralClearanceMm());
        m.put("minSiJointClearanceMm", o.minJointClearanceMm());
        m.put("minDiscClearanceMm", o.minDiscClearanceMm());
        m.put("minSoftTissueClearanceMm", o.minSoftTissueClearanceMm());
        m.put("minTipBehindAnteriorCortexMm", o.minTipBehindAnteriorCortexMm());
        m.put("minLengthInBoneMm", o.minBoneLengthMm());
        m.put("maxCraniocaudalTiltDeg", o.maxTiltDeg());
        return m;
    }

    /** A 3D Slicer markups document holding one Line markup: skin entry to target, LPS mm. */
    public static Map<String, Object> markup(NeedlePlan n) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "Line");
        line.put("coordinateSystem", "LPS");
        line.put("coordinateUnits", "mm");
        line.put("locked", true);
        line.put("labelFormat", "%N-%d");
        line.put("name", String.format(Locale.ROOT, "%s %s %s needle (not for clinical use)", n.side().lowerName(),
                n.approach().name(), n.gauge().label()));
        line.put("description", NOTICE);
        line.put("controlPoints", List.of(point("1", n.side().lowerName() + " skin entry", n.skinEntryLps()),
                point("2", n.side().lowerName() + " target", n.targetLps())));
        // insertion-ordered maps: Map.of iterates in an order that changes from run to run, and the same plan
        // must give the same bytes (scripts diff and checksum these files)
        Map<String, Object> length = new LinkedHashMap<>();
        length.put("name", "length");
        length.put("enabled", true);
        length.put("value", r2(n.lengthFromSkinMm()));
        length.put("units", "mm");
        length.put("printFormat", "%-#4.4g%s");
        line.put("measurements", List.of(length));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("@schema", MARKUPS_SCHEMA);
        root.put("markups", List.of(line));
        return root;
    }

    private static Map<String, Object> point(String id, String label, PatientPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", label);
        m.put("description", "");
        m.put("associatedNodeID", "");
        m.put("position", List.of(p.x(), p.y(), p.z()));
        m.put("orientation", List.of(-1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 1.0));
        m.put("selected", true);
        m.put("locked", true);
        m.put("visibility", true);
        m.put("positionStatus", "defined");
        return m;
    }

    private static List<Double> xyz(PatientPoint p) {
        return List.of(r2(p.x()), r2(p.y()), r2(p.z()));
    }

    static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
