package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry commands as a coordinator uses them, on an embedded registry in a temporary folder. */
class RegistryCommandTest {

    @TempDir
    Path tmp;

    /** Runs {@code sacroguide registry ARGS} in-process. */
    static CommandRun registry(String... args) {
        List<String> all = new ArrayList<>();
        all.add("registry");
        all.addAll(List.of(args));
        return CommandRun.of(all.toArray(String[]::new));
    }

    private String db(String name) {
        return "jdbc:h2:file:" + tmp.resolve(name).resolve("registry").toString().replace('\\', '/');
    }

    @Test
    void help_lists_every_subcommand_and_each_takes_db() {
        CommandRun help = registry("--help");
        assertThat(help.exitCode()).isZero();
        for (String sub : List.of("add-patient", "record-procedure", "follow-up", "due", "report", "export-fhir", "import-csv", "export-csv")) {
            assertThat(help.out()).contains(sub);
            CommandRun h = registry(sub, "--help");
            assertThat(h.exitCode()).as(sub).isZero();
            assertThat(h.out()).as(sub).contains("--db=JDBC_URL");
        }
        assertThat(help.out()).contains("NOT FOR CLINICAL USE");
    }

    @Test
    void a_coordinator_registers_treats_calls_and_reports() throws Exception {
        String db = db("day");
        CommandRun add = registry("add-patient", "--db", db, "--user", "coordinator", "--id", "P-017", "--sex", "female", "--birth-year", "1944",
                "--fracture-side", "bilateral", "--denis-zone", "1", "--imaging", "mri", "--imaging-date", "2026-01-02",
                "--selection", "candidate");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("registered patient P-017").contains("fracture on both sides").contains("selection candidate");

        CommandRun proc = registry("record-procedure", "--db", db, "--patient", "P-017", "--date", "2026-01-10", "--baseline-vas", "8",
                "--left-approach", "vertical", "--left-needle-gauge", "11", "--left-cement-ml", "2.0",
                "--right-approach", "VERTICAL", "--right-cement-ml", "2.2");
        assertThat(proc.exitCode()).as(proc.err()).isZero();
        assertThat(proc.out()).contains("bilateral, 4.2 mL cement in total");

        CommandRun call = registry("follow-up", "--db", db, "--patient", "P-017", "--date", "2026-04-12", "--vas", "1", "--pain-left", "no",
                "--pain-right", "no", "--analgesics", "none");
        assertThat(call.exitCode()).as(call.err()).isZero();

        CommandRun due = registry("due", "--db", db, "--today", "2026-07-01", "--days-ahead", "30");
        assertThat(due.exitCode()).isZero();
        assertThat(due.out()).contains("P-017").contains("6 months").contains("due");

        CommandRun report = registry("report", "--db", db, "--json");
        assertThat(report.exitCode()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("patientsTreated").asInt()).isEqualTo(1);
        assertThat(json.at("/painFreePatients/count").asInt()).isEqualTo(1);

        CommandRun table = registry("report", "--db", db, "--html", tmp.resolve("html").toString(), "--csv", tmp.resolve("report.csv").toString());
        assertThat(table.out()).contains("Cement per treatment, mean (range)").contains("4.2 mL");
        assertThat(tmp.resolve("html/registry-report.html")).content().contains("NOT FOR CLINICAL USE").contains("registry_vas_over_time.png");
        assertThat(tmp.resolve("html/registry_vas_over_time.png")).isRegularFile();
        assertThat(tmp.resolve("report.csv")).content().startsWith("key,measure,registry");

        CommandRun audit = registry("audit", "--db", db, "--patient", "P-017");
        assertThat(audit.out()).contains("coordinator  CREATE patient").contains("CREATE follow_up");
    }

    @Test
    void an_impossible_value_is_refused_with_one_line_and_exit_code_2() {
        String db = db("refuse");
        registry("add-patient", "--db", db, "--id", "P-1", "--sex", "f", "--birth-year", "1950", "--fracture-side", "left",
                "--imaging", "ct", "--imaging-date", "2026-01-02");
        registry("record-procedure", "--db", db, "--patient", "P-1", "--date", "2026-01-05", "--left-approach", "oblique-si",
                "--left-cement-ml", "3");
        CommandRun vas = registry("follow-up", "--db", db, "--patient", "P-1", "--date", "2026-02-05", "--vas", "11");
        assertThat(vas.exitCode()).isEqualTo(2);
        assertThat(vas.err()).contains("VAS must be between 0 and 10, was 11").doesNotContain("\tat ");
        CommandRun side = registry("record-procedure", "--db", db, "--patient", "P-1", "--date", "2026-01-06", "--right-approach", "vertical",
                "--right-cement-ml", "2");
        assertThat(side.exitCode()).isEqualTo(2);
        assertThat(side.err()).contains("no fracture on that side").contains("override reason");
        CommandRun dup = registry("add-patient", "--db", db, "--id", "P-1", "--sex", "female", "--birth-year", "1950");
        assertThat(dup.exitCode()).isEqualTo(2);
        assertThat(dup.err()).contains("patient id P-1 already exists");
        CommandRun early = registry("follow-up", "--db", db, "--patient", "P-1", "--date", "2026-01-01", "--vas", "5");
        assertThat(early.err()).contains("dated before the procedure on 2026-01-05");
        CommandRun badEnum = registry("record-procedure", "--db", db, "--patient", "P-1", "--left-approach", "diagonal", "--left-cement-ml", "2");
        assertThat(badEnum.exitCode()).isEqualTo(2);
        assertThat(badEnum.err()).contains("must be one of vertical, oblique-si, long-axis, was 'diagonal'");
    }

    @Test
    void import_is_all_or_nothing_and_export_reads_back() throws Exception {
        String db = db("csv");
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "record,patient_id,date,sex,birth_year,side,modality\n"
                + "patient,X-1,,female,1940,,\n"
                + "patient,X-2,,female,3000,,\n"
                + "fracture,X-1,2026-01-01,,,middle,mri\n");
        CommandRun refused = registry("import-csv", "--db", db, bad.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("nothing imported: 2 rows were refused (of 3)").contains("line 3 (patient X-2): birth year")
                .contains("line 4 (fracture X-1): side must be one of left, right, was 'middle'");
        assertThat(registry("export-csv", "--db", db, "-o", "-").out().lines().count()).isEqualTo(1); // header only

        CommandRun sample = registry("import-csv", "--db", db, "--sample-cohort");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        assertThat(sample.out()).contains("imported 84 records");
        Path exported = tmp.resolve("out.csv");
        assertThat(registry("export-csv", "--db", db, "-o", exported.toString()).exitCode()).isZero();
        CommandRun again = registry("import-csv", "--db", db("copy"), exported.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(registry("export-csv", "--db", db("copy"), "-o", "-").out()).isEqualTo(Files.readString(exported));

        CommandRun table = registry("report", "--db", db);
        assertThat(table.out()).contains("76 (60-88) years").contains("5 of 6 (83%)").contains("4.1 mL");

        Path fhir = tmp.resolve("bundle.json");
        CommandRun export = registry("export-fhir", "--db", db, "-o", fhir.toString(), "--patient", "SAMPLE-11");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(fhir).content().contains("\"resourceType\": \"Bundle\"").contains("72514-3").contains("SAMPLE-11");
    }

    @Test
    void a_database_that_cannot_be_opened_exits_with_1() {
        CommandRun r = registry("due", "--db", "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot open the registry database");
        CommandRun wrong = registry("due", "--db", "jdbc:mysql://x/y");
        assertThat(wrong.exitCode()).isEqualTo(2);
    }
}
