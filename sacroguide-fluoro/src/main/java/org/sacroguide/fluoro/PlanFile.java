package org.sacroguide.fluoro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sacroguide.anatomy.Side;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.VoxelGrid;

/**
 * The parts of a treatment plan file ({@code plan.json}, written by {@code sacroguide plan}) the fluoroscopy
 * rehearsal reads: the CT path ({@code ct}, relative to the plan file) and per needle {@code side},
 * {@code targetLps} (the tip), {@code skinEntryLps}, {@code outerDiameterMm} and {@code plannedCementMl} (LPS
 * mm, mL). Unknown fields are ignored.
 */
public record PlanFile(Path file, Optional<Path> ctPath, List<NeedleEntry> needles) {

    /** One needle as written in the plan, not yet checked against a CT. */
    public record NeedleEntry(Side side, PatientPoint targetLps, PatientPoint skinEntryLps, double outerDiameterMm,
                              double plannedCementMl) {
    }

    public PlanFile {
        needles = List.copyOf(needles);
    }

    /** Reads and checks the fields; a missing or malformed field is a typed error naming it. */
    public static PlanFile read(Path file) throws FluoroInputException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new FluoroInputException("cannot read the plan " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FluoroInputException("the plan " + file.getFileName() + " is not a JSON object");
        }
        Optional<Path> ct = Optional.empty();
        JsonNode ctNode = root.get("ct");
        if (ctNode != null && ctNode.isTextual() && !ctNode.asText().isBlank()) {
            Path dir = file.toAbsolutePath().getParent();
            ct = Optional.of(dir.resolve(ctNode.asText()).normalize());
        }
        JsonNode ns = root.get("needles");
        if (ns == null || !ns.isArray() || ns.isEmpty()) {
            throw new FluoroInputException("the plan " + file.getFileName() + " has no needles");
        }
        List<NeedleEntry> out = new ArrayList<>();
        for (int i = 0; i < ns.size(); i++) {
            JsonNode n = ns.get(i);
            String where = "needle " + (i + 1) + " of " + file.getFileName();
            String side = text(n, "side", where).toLowerCase(Locale.ROOT);
            Side s = switch (side) {
                case "left" -> Side.LEFT;
                case "right" -> Side.RIGHT;
                default -> throw new FluoroInputException(where + ": side must be left or right, was '" + side + "'");
            };
            out.add(new NeedleEntry(s, point(n, "targetLps", where), point(n, "skinEntryLps", where),
                    number(n, "outerDiameterMm", where), number(n, "plannedCementMl", where)));
        }
        return new PlanFile(file, ct, out);
    }

    /** The needles checked against the CT: volumes above 0, tips inside it. */
    public List<Needle> needles(VoxelGrid ct) throws FluoroInputException {
        List<Needle> out = new ArrayList<>();
        for (NeedleEntry e : needles) {
            out.add(Needle.of(e.side(), e.targetLps(), e.skinEntryLps(), e.outerDiameterMm(), e.plannedCementMl(), ct));
        }
        return out;
    }

    private static String text(JsonNode n, String field, String where) throws FluoroInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new FluoroInputException(where + ": '" + field + "' is missing");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field, String where) throws FluoroInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new FluoroInputException(where + ": '" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static PatientPoint point(JsonNode n, String field, String where) throws FluoroInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray() || v.size() != 3 || !v.get(0).isNumber() || !v.get(1).isNumber()
                || !v.get(2).isNumber()) {
            throw new FluoroInputException(where + ": '" + field + "' must be [x, y, z] in LPS mm");
        }
        return new PatientPoint(v.get(0).asDouble(), v.get(1).asDouble(), v.get(2).asDouble());
    }
}
