package org.sacroguide.planning.selection;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.sacroguide.anatomy.DenisZone;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.planning.Approach;
import org.sacroguide.planning.Gauge;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a case file (YAML, or JSON, which is YAML too) into a {@link CaseFile}. Unknown keys are refused so
 * that a misspelt field is never silently ignored; every error names the field and what is allowed.
 */
public final class CaseFileReader {

    private static final Set<String> TOP = Set.of("schema", "caseId", "fracture", "pain", "infection", "coagulation",
            "allergy", "tumour", "canLieProne", "approachOverride", "gauge", "plannedCementMlPerSide");

    private CaseFileReader() {
    }

    public static CaseFile read(Path path) throws CaseFileException {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            return parse(root, path.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new CaseFileException("case file " + path + " does not exist");
        } catch (IOException e) {
            throw new CaseFileException("case file " + path + " could not be read: " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new CaseFileException("case file " + path.getFileName() + " is not valid YAML/JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static CaseFile parse(String text) throws CaseFileException {
        try {
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(text), "case");
        } catch (YAMLException e) {
            throw new CaseFileException("case is not valid YAML/JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static CaseFile parse(Object root, String name) throws CaseFileException {
        if (!(root instanceof Map<?, ?> top)) {
            throw new CaseFileException(name + ": a case file must be a mapping of fields (see the planning README)");
        }
        check(top, TOP, "");
        Object schema = top.get("schema");
        if (schema != null && !"sacroguide-case/1".equals(schema.toString())) {
            throw new CaseFileException(name + ": schema must be sacroguide-case/1, was " + schema);
        }
        Map<?, ?> fr = section(top, "fracture", Set.of("confirmedBy", "sides", "denisZone", "corticalDisruption",
                "level", "stability"));
        Map<?, ?> pain = section(top, "pain", Set.of("localisedToSacrum", "refractoryToConservativeTreatment"));
        Map<?, ?> inf = section(top, "infection", Set.of("local", "systemic"));
        Map<?, ?> coag = section(top, "coagulation", Set.of("inr", "plateletsPerUl", "corrected"));
        Map<?, ?> all = section(top, "allergy", Set.of("cement", "contrast"));
        Map<?, ?> tum = section(top, "tumour", Set.of("suspected", "biopsyDoneOrPlanned"));
        Optional<ApproachOverride> override = Optional.empty();
        if (top.get("approachOverride") != null) {
            Map<?, ?> ov = section(top, "approachOverride", Set.of("approach", "reason"));
            Approach a = enumValue(ov.get("approach"), Approach.class, "approachOverride.approach")
                    .orElseThrow(() -> new CaseFileException("approachOverride.approach is required (VERTICAL, OBLIQUE_SI or LONG_AXIS)"));
            Object reason = ov.get("reason");
            if (reason == null || reason.toString().isBlank()) {
                throw new CaseFileException("approachOverride needs a reason (it is logged and written into the plan)");
            }
            override = Optional.of(new ApproachOverride(a, reason.toString().trim()));
        }
        Optional<Gauge> gauge = Optional.empty();
        if (top.get("gauge") != null) {
            try {
                gauge = Optional.of(Gauge.parse(top.get("gauge").toString()));
            } catch (IllegalArgumentException e) {
                throw new CaseFileException(e.getMessage());
            }
        }
        try {
            return new CaseFile(
                    Optional.ofNullable(top.get("caseId")).map(Object::toString),
                    enumSet(fr.get("confirmedBy"), ImagingModality.class, "fracture.confirmedBy"),
                    sides(fr.get("sides")),
                    enumValue(fr.get("denisZone"), DenisZone.class, "fracture.denisZone"),
                    bool(fr.get("corticalDisruption"), "fracture.corticalDisruption"),
                    enumValue(fr.get("level"), SacralLevel.class, "fracture.level"),
                    enumValue(fr.get("stability"), FractureStability.class, "fracture.stability"),
                    bool(pain.get("localisedToSacrum"), "pain.localisedToSacrum"),
                    bool(pain.get("refractoryToConservativeTreatment"), "pain.refractoryToConservativeTreatment"),
                    bool(inf.get("local"), "infection.local"),
                    bool(inf.get("systemic"), "infection.systemic"),
                    number(coag.get("inr"), "coagulation.inr"),
                    number(coag.get("plateletsPerUl"), "coagulation.plateletsPerUl"),
                    bool(coag.get("corrected"), "coagulation.corrected").orElse(false),
                    bool(all.get("cement"), "allergy.cement"),
                    bool(all.get("contrast"), "allergy.contrast"),
                    bool(tum.get("suspected"), "tumour.suspected"),
                    bool(tum.get("biopsyDoneOrPlanned"), "tumour.biopsyDoneOrPlanned"),
                    bool(top.get("canLieProne"), "canLieProne"),
                    override, gauge,
                    number(top.get("plannedCementMlPerSide"), "plannedCementMlPerSide"));
        } catch (IllegalArgumentException e) {
            throw new CaseFileException(name + ": " + e.getMessage());
        }
    }

    private static void check(Map<?, ?> m, Set<String> allowed, String prefix) throws CaseFileException {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new CaseFileException("unknown case field '" + prefix + k + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static Map<?, ?> section(Map<?, ?> top, String key, Set<String> allowed) throws CaseFileException {
        Object v = top.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new CaseFileException("case field '" + key + "' must be a mapping of fields");
        }
        check(m, allowed, key + ".");
        return m;
    }

    private static Optional<Boolean> bool(Object v, String field) throws CaseFileException {
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("unknown")) {
            return Optional.empty();
        }
        throw new CaseFileException(field + " must be true, false or unknown, was '" + v + "'");
    }

    private static OptionalDouble number(Object v, String field) throws CaseFileException {
        if (v == null || "unknown".equalsIgnoreCase(v.toString().trim())) {
            return OptionalDouble.empty();
        }
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v.toString().trim()));
        } catch (NumberFormatException e) {
            throw new CaseFileException(field + " must be a number, was '" + v + "'");
        }
    }

    private static <E extends Enum<E>> Optional<E> enumValue(Object v, Class<E> type, String field) throws CaseFileException {
        if (v == null || "unknown".equalsIgnoreCase(v.toString().trim())) {
            return Optional.empty();
        }
        String s = v.toString().trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return Optional.of(e);
            }
        }
        throw new CaseFileException(field + " must be one of " + List.of(type.getEnumConstants()) + ", was '" + v + "'");
    }

    private static <E extends Enum<E>> Optional<Set<E>> enumSet(Object v, Class<E> type, String field) throws CaseFileException {
        if (v == null || "unknown".equalsIgnoreCase(v.toString().trim())) {
            return Optional.empty();
        }
        EnumSet<E> out = EnumSet.noneOf(type);
        for (Object o : v instanceof List<?> l ? l : List.of(v)) {
            out.add(enumValue(o, type, field).orElseThrow(() -> new CaseFileException(field + " has an empty entry")));
        }
        return Optional.of(out);
    }

    private static Optional<Set<Side>> sides(Object v) throws CaseFileException {
        if (v == null || "unknown".equalsIgnoreCase(v.toString().trim())) {
            return Optional.empty();
        }
        EnumSet<Side> out = EnumSet.noneOf(Side.class);
        for (Object o : v instanceof List<?> l ? l : List.of(v)) {
            String s = o.toString().trim().toLowerCase(Locale.ROOT);
            switch (s) {
                case "left" -> out.add(Side.LEFT);
                case "right" -> out.add(Side.RIGHT);
                case "both", "bilateral" -> out.addAll(EnumSet.allOf(Side.class));
                default -> throw new CaseFileException("fracture.sides must list left and/or right, was '" + o + "'");
            }
        }
        return Optional.of(out);
    }
}
