package org.sacroguide.registry.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sacroguide.registry.Backend;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryLocation;
import org.sacroguide.registry.SampleCohort;
import org.sacroguide.registry.TestRegistries;

/**
 * A real child JVM importing a large CSV file is killed (SIGKILL, as kill -9) after it has written part of
 * the rows; the registry is then exactly as before the import (H2 file database and PostgreSQL).
 */
class KilledImportTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_process_killed_in_the_middle_of_a_csv_import_leaves_the_registry_unchanged(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            RegistryLocation at = t.freshLocation();
            String before;
            int auditBefore;
            try (Registry r = Registry.open(at, "test")) {
                SampleCohort.importInto(r);
                before = CsvExporter.export(r.snapshot());
                auditBefore = r.auditTrail(null).size();
            } // closed: an embedded H2 file is opened by one process at a time

            Path csv = tmp.resolve("big-" + backend + ".csv");
            StringBuilder b = new StringBuilder(CsvLayout.header());
            for (int i = 0; i < 30_000; i++) {
                b.append("patient,BIG-").append(i).append(",,female,").append(1930 + i % 30).append("\r\n");
            }
            Files.writeString(csv, b.toString());

            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(),
                    at.jdbcUrl(), at.user() == null ? "-" : at.user(), at.password() == null ? "-" : at.password(), csv.toString());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            boolean killedMidway = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("ROWS ") && Integer.parseInt(line.split(" ")[1]) >= 2000) {
                        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no rollback by the child
                        killedMidway = true;
                        break;
                    }
                    if (line.startsWith("DONE")) {
                        break;
                    }
                }
            } finally {
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            if (!killedMidway) {
                fail("the child import was not killed in the middle (it must print progress and not finish first); its output:\n"
                        + String.join("\n", output));
            }
            assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
            assertThat(output).noneMatch(l -> l.startsWith("DONE"));

            try (Registry r = Registry.open(at, "test")) {
                assertThat(r.patientCount()).isEqualTo(13);
                assertThat(CsvExporter.export(r.snapshot())).isEqualTo(before);
                assertThat(r.auditTrail(null)).hasSize(auditBefore);
                assertThat(r.patient("BIG-0")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void an_import_that_has_committed_survives_a_kill_right_after(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            RegistryLocation at = t.freshLocation();
            try (Registry r = Registry.open(at, "test")) {
                assertThat(r.patientCount()).isZero(); // creates the schema
            }
            Path csv = tmp.resolve("small-" + backend + ".csv");
            Files.writeString(csv, CsvLayout.header() + "patient,KEEP-1,,female,1936\r\n");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ImportChild.class.getName(), at.jdbcUrl(),
                    at.user() == null ? "-" : at.user(), at.password() == null ? "-" : at.password(), csv.toString(), "then-wait")
                    .redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("DONE")) {
                        child.destroyForcibly();
                        break;
                    }
                }
            } finally {
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(output).as(String.join("\n", output)).anyMatch(l -> l.startsWith("DONE imported 1 records"));
            try (Registry r = Registry.open(at, "test")) {
                assertThat(r.patient("KEEP-1")).isPresent();
            }
        }
    }
}
