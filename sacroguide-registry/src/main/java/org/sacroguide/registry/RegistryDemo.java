package org.sacroguide.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.Fracture;
import org.sacroguide.registry.model.ImagingModality;
import org.sacroguide.registry.model.NewPatient;
import org.sacroguide.registry.model.NewProcedure;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.Sedation;
import org.sacroguide.registry.model.SelectionAnswer;
import org.sacroguide.registry.model.SelectionDecision;
import org.sacroguide.registry.model.Sex;
import org.sacroguide.registry.model.Side;
import org.sacroguide.registry.stats.CohortReport;

/**
 * The registry's part of {@code sacroguide demo}: in a fresh registry, import the paper-consistent sample
 * cohort, record the demo case's plan as a procedure, and return the cohort section (HTML, with the VAS
 * chart written beside the report).
 *
 * <pre>{@code
 * String url = RegistryDemo.freshEmbeddedUrl(reportDir.resolve("registry"));
 * DemoCase c = DemoCase.planned("DEMO-001", Sex.FEMALE, 1948, LocalDate.now(),
 *         Map.of(Side.LEFT, Approach.VERTICAL, Side.RIGHT, Approach.VERTICAL), Map.of(Side.LEFT, 2.0, Side.RIGHT, 2.0), 11);
 * report.html(RegistryDemo.recordAndReport(url, c, reportDir));
 * }</pre>
 */
public final class RegistryDemo {

    /** The demo case as the registry records it: patient, fractures, selection answer and procedure. */
    public record DemoCase(NewPatient patient, List<Fracture> fractures, SelectionDecision selection, NewProcedure procedure) {

        public DemoCase {
            fractures = List.copyOf(fractures);
        }

        /**
         * A case from a plan: a fracture (confirmed by CT on the procedure date) on each planned side, the
         * answer CANDIDATE from the planning rules, and a procedure under conscious sedation with the planned
         * approach, needle gauge (null: not given) and cement volume per side, without extravasation.
         */
        public static DemoCase planned(String patientId, Sex sex, int birthYear, LocalDate date, Map<Side, Approach> approach,
                Map<Side, Double> plannedCementMl, Integer needleGauge) {
            List<Fracture> fractures = new ArrayList<>();
            List<ProcedureSide> sides = new ArrayList<>();
            for (Side s : Side.values()) {
                if (approach.containsKey(s)) {
                    fractures.add(new Fracture(s, null, ImagingModality.CT, date, "demo case: fracture side from the plan"));
                    Double ml = plannedCementMl.get(s);
                    if (ml == null) {
                        throw new IllegalArgumentException("no planned cement volume for the " + s.lower() + " side");
                    }
                    sides.add(new ProcedureSide(s, approach.get(s), needleGauge, ml, Extravasation.NONE));
                }
            }
            return new DemoCase(new NewPatient(patientId, sex, birthYear), fractures,
                    new SelectionDecision(SelectionAnswer.CANDIDATE, date, "demo case: planning rules", "planning"),
                    new NewProcedure(date, Sedation.CONSCIOUS_SEDATION, sides, null, "planned values from the demo plan", false, null));
        }
    }

    private RegistryDemo() {
    }

    /**
     * A JDBC URL for an empty embedded registry in {@code folder}: an existing registry file there is
     * deleted first (the demo's registry is rebuilt on every run).
     */
    public static String freshEmbeddedUrl(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String f : new String[] {"registry.mv.db", "registry.trace.db", "registry.lock.db"}) {
            Files.deleteIfExists(folder.resolve(f));
        }
        return RegistryLocation.embedded(folder).jdbcUrl();
    }

    /**
     * Imports the sample cohort into the empty registry at {@code jdbcUrl}, records {@code demoCase}, and
     * returns the cohort HTML section; its chart is written into {@code reportDir}.
     */
    public static String recordAndReport(String jdbcUrl, DemoCase demoCase, Path reportDir) throws RegistryException, IOException {
        try (Registry r = Registry.open(RegistryLocation.of(jdbcUrl), "sacroguide demo")) {
            if (r.patientCount() != 0) {
                throw new ValidationException("the demo needs an empty registry, but " + r.location() + " already holds "
                        + r.patientCount() + " patients (use RegistryDemo.freshEmbeddedUrl)");
            }
            SampleCohort.importInto(r);
            long procedure = r.inOneTransaction(w -> {
                w.addPatient(demoCase.patient());
                for (Fracture f : demoCase.fractures()) {
                    w.addFracture(demoCase.patient().patientId(), f);
                }
                if (demoCase.selection() != null) {
                    w.addSelection(demoCase.patient().patientId(), demoCase.selection());
                }
                return w.addProcedure(demoCase.patient().patientId(), demoCase.procedure());
            });
            CohortReport report = new CohortReport(r.statistics());
            String intro = "<p>The demo case " + esc(demoCase.patient().patientId()) + " was recorded as procedure " + procedure + " ("
                    + demoCase.procedure().sides().size() + (demoCase.procedure().sides().size() == 2 ? " sides" : " side")
                    + ", planned cement " + demoCase.procedure().sides().stream().map(s -> s.side().lower() + " "
                            + s.cementMl() + " mL").reduce((a, b) -> a + ", " + b).orElse("") + ") in a fresh registry holding the "
                    + "paper-consistent sample cohort of 13 patients; the table counts both.</p>\n";
            String section = report.htmlSection(reportDir);
            int afterHeading = section.indexOf("</h2>") + "</h2>".length() + 1;
            return section.substring(0, afterHeading) + intro + section.substring(afterHeading);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
