package org.sacroguide.planning.selection;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The selection rules as published in the resource {@code selection-rules.yaml}, read once at start-up:
 * each rule with its kind, the verdict it forces, its statement, its source and its threshold. The table
 * must hold exactly the rules {@link PatientSelector} knows how to check.
 */
public final class RuleTable {

    /** Resource path of the bundled table. */
    public static final String RESOURCE = "/org/sacroguide/planning/selection/selection-rules.yaml";

    private final int version;
    private final Map<String, SelectionRule> rules;

    private RuleTable(int version, Map<String, SelectionRule> rules) {
        this.version = version;
        this.rules = rules;
    }

    /** The bundled table. */
    public static RuleTable bundled() {
        try (InputStream in = RuleTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("selection rule table " + RESOURCE + " missing from the build");
            }
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new IllegalStateException("selection rule table could not be read", e);
        }
    }

    static RuleTable parse(Object root) {
        Map<?, ?> top = (Map<?, ?>) root;
        int version = ((Number) top.get("version")).intValue();
        Map<String, SelectionRule> out = new LinkedHashMap<>();
        for (Object o : (List<?>) top.get("rules")) {
            Map<?, ?> r = (Map<?, ?>) o;
            Object th = r.get("threshold");
            SelectionRule rule = new SelectionRule(String.valueOf(r.get("id")),
                    SelectionRule.Kind.valueOf(String.valueOf(r.get("kind"))),
                    Verdict.valueOf(String.valueOf(r.get("whenViolated"))),
                    String.valueOf(r.get("statement")), String.valueOf(r.get("source")),
                    th == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) th).doubleValue()));
            if (out.put(rule.id(), rule) != null) {
                throw new IllegalStateException("selection rule " + rule.id() + " appears twice");
            }
        }
        return new RuleTable(version, out);
    }

    public int version() {
        return version;
    }

    public List<SelectionRule> rules() {
        return new ArrayList<>(rules.values());
    }

    public SelectionRule rule(String id) {
        SelectionRule r = rules.get(id);
        if (r == null) {
            throw new IllegalStateException("selection rule table has no rule '" + id + "'");
        }
        return r;
    }

    public double threshold(String id) {
        return rule(id).threshold().orElseThrow(() -> new IllegalStateException("rule " + id + " has no threshold"));
    }
}
