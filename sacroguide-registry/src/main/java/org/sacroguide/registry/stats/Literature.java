package org.sacroguide.registry.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Published numbers the cohort report shows beside a department's own: the Results of Strub et al. 2007
 * (the paper SacroGuide follows) and the pooled estimates of Chandra et al. 2019 (861 patients). Read
 * once from the resource {@code literature.csv}, where each number stands with its source.
 */
public final class Literature {

    /** A publication and its numbers by measure name. */
    public record Source(String key, String citation, Map<String, Double> values) {
        public OptionalDouble value(String measure) {
            Double v = values.get(measure);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        public double get(String measure) {
            Double v = values.get(measure);
            if (v == null) {
                throw new IllegalArgumentException(key + " has no value for " + measure);
            }
            return v;
        }
    }

    public static final Source STRUB_2007;
    public static final Source CHANDRA_2019;

    static {
        Map<String, Map<String, Double>> all = load();
        STRUB_2007 = new Source("strub2007", "Strub et al., AJNR 2007;28:38-41 (13 patients)", Map.copyOf(all.get("strub2007")));
        CHANDRA_2019 = new Source("chandra2019", "Chandra et al., JVIR 2019;30:1845-1854 (pooled, 861 patients)",
                Map.copyOf(all.get("chandra2019")));
    }

    private Literature() {
    }

    private static Map<String, Map<String, Double>> load() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        try (InputStream in = Literature.class.getResourceAsStream("/org/sacroguide/registry/literature.csv")) {
            if (in == null) {
                throw new IllegalStateException("resource org/sacroguide/registry/literature.csv is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", 4);
                out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
