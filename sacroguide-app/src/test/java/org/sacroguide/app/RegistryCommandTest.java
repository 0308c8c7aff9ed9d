package org.sacroguide.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The registry commands as a coordinator uses them, on an embedded registry in a temporary folder. */
class RegistryCommandTest {

    @TempDir
    Path tmp;

    /** Exit code and captured output of one command. */
    record Run(int code, String out, String err) {
    }

    /**
     * Runs {@code sacroguide registry ARGS} in-process: through Main when it has the registry command, else through
     * RegistryCommand with Main's error handling.
     */
    static synchronized Run registry(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // Built after the redirection: picocli's default writers wrap System.out and System.err as they are now.
            CommandLine main = Main.commandLine();
            CommandLine cl;
            List<String> all = new ArrayList<>();
            if (main.getSubcommands().containsKey("registry")) {
                cl = main;
                all.add("registry");
            } else {
                cl = new CommandLine(new RegistryCommand());
                cl.setExecutionExceptionHandler(new ExitCodes.ErrorHandler());
                cl.setExitCodeExceptionMapper(ExitCodes::of);
            }
            all.addAll(List.of(args));
            int code = cl.execute(all.toArray(String[]::new));
            cl.getOut().flush();
            cl.getErr().flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String db(String name) {
        return "jdbc:h2:file:" + tmp.resolve(name).resolve("registry").toString().replace('\\', '/');
    }

    @Test
    void help_lists_every_subcommand_and_each_takes_db() {
        Run help = registry("--help");
        assertThat(help.code()).isZero();
        for (String sub : List.of("add-patient", "record-procedure", "follow-up", "due", "report", "export-fhir", "import-csv", "export-csv")) {
            assertThat(help.out()).contains(sub);
            Run h = registry(sub, "--help");
            assertThat(h.code()).as(sub).isZero();
            assertThat(h.out()).as(sub).contains("--db=JDBC_URL");
        }
        assertThat(help.out()).contains("NOT FOR CLINICAL USE");
    }

    @Test
    void a_coordinator_registers_treats_calls_and_reports() throws Exception {
        String db = db("day");
        Run add = registry("add-patient", "--db", db, "--user", "coordinator", "--id", "P-017", "--sex", "female", "--birth-year", "1944",
                "--fracture-side", "bilateral", "--denis-zone", "1", "--imaging", "mri", "--imaging-date", "2026-01-02",
                "--selection", "candidate");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("registered patient P-017").contains("fracture on both sides").contains("selection candidate");

        Run proc = registry("record-procedure", "--db", db, "--patient", "P-017", "--date", "2026-01-10", "--baseline-vas", "8",
                "--left-approach", "vertical", "--left-needle-gauge", "11", "--left-cement-ml", "2.0",
                "--right-approach", "VERTICAL", "--right-cement-ml", "2.2");
        assertThat(proc.code()).as(proc.err()).isZero();
        assertThat(proc.out()).contains("bilateral, 4.2 mL cement in total");

        Run call = registry("follow-up", "--db", db, "--patient", "P-017", "--date", "2026-04-12", "--vas", "1", "--pain-left", "no",
                "--pain-right", "no", "--analgesics", "none");
        assertThat(call.code()).as(call.err()).isZero();

        Run due = registry("due", "--db", db, "--today", "2026-07-01", "--days-ahead", "30");
        assertThat(due.code()).isZero();
        assertThat(due.out()).contains("P-017").contains("6 months").contains("due");

        Run report = registry("report", "--db", db, "--json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("patientsTreated").asInt()).isEqualTo(1);
        assertThat(json.at("/painFreePatients/count").asInt()).isEqualTo(1);

        Run table = registry("report", "--db", db, "--html", tmp.resolve("html").toString(), "--csv", tmp.resolve("report.csv").toString());
        assertThat(table.out()).contains("Cement per treatment, mean (range)").contains("4.2 mL");
        assertThat(tmp.resolve("html/registry-report.html")).content().contains("NOT FOR CLINICAL USE").contains("registry_vas_over_time.png");
        assertThat(tmp.resolve("html/registry_vas_over_time.png")).isRegularFile();
        assertThat(tmp.resolve("report.csv")).content().startsWith("key,measure,registry");

        Run audit = registry("audit", "--db", db, "--patient", "P-017");
        assertThat(audit.out()).contains("coordinator  CREATE patient").contains("CREATE follow_up");
    }

    @Test
    void an_impossible_value_is_refused_with_one_line_and_exit_code_2() {
        String db = db("refuse");
        registry("add-patient", "--db", db, "--id", "P-1", "--sex", "f", "--birth-year", "1950", "--fracture-side", "left",
                "--imaging", "ct", "--imaging-date", "2026-01-02");
        registry("record-procedure", "--db", db, "--patient", "P-1", "--date", "2026-01-05", "--left-approach", "oblique-si",
                "--left-cement-ml", "3");
        Run vas = registry("follow-up", "--db", db, "--patient", "P-1", "--date", "2026-02-05", "--vas", "11");
        assertThat(vas.code()).isEqualTo(2);
        assertThat(vas.err()).contains("VAS must be between 0 and 10, was 11").doesNotContain("\tat ");
        Run side = registry("record-procedure", "--db", db, "--patient", "P-1", "--date", "2026-01-06", "--right-approach", "vertical",
                "--right-cement-ml", "2");
        assertThat(side.code()).isEqualTo(2);
        assertThat(side.err()).contains("no fracture on that side").contains("override reason");
        Run dup = registry("add-patient", "--db", db, "--id", "P-1", "--sex", "female", "--birth-year", "1950");
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err()).contains("patient id P-1 already exists");
        Run early = registry("follow-up", "--db", db, "--patient", "P-1", "--date", "2026-01-01", "--vas", "5");
        assertThat(early.err()).contains("dated before the procedure on 2026-01-05");
        Run badEnum = registry("record-procedure", "--db", db, "--patient", "P-1", "--left-approach", "diagonal", "--left-cement-ml", "2");
        assertThat(badEnum.code()).isEqualTo(2);
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
        Run refused = registry("import-csv", "--db", db, bad.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("nothing imported: 2 rows were refused (of 3)").contains("line 3 (patient X-2): birth year")
                .contains("line 4 (fracture X-1): side must be one of left, right, was 'middle'");
        assertThat(registry("export-csv", "--db", db, "-o", "-").out().lines().count()).isEqualTo(1); // header only

        Run sample = registry("import-csv", "--db", db, "--sample-cohort");
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(sample.out()).contains("imported 84 records");
        Path exported = tmp.resolve("out.csv");
        assertThat(registry("export-csv", "--db", db, "-o", exported.toString()).code()).isZero();
        Run again = registry("import-csv", "--db", db("copy"), exported.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(registry("export-csv", "--db", db("copy"), "-o", "-").out()).isEqualTo(Files.readString(exported));

        Run table = registry("report", "--db", db);
        assertThat(table.out()).contains("76 (60-88) years").contains("5 of 6 (83%)").contains("4.1 mL");

        Path fhir = tmp.resolve("bundle.json");
        Run export = registry("export-fhir", "--db", db, "-o", fhir.toString(), "--patient", "SAMPLE-11");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(fhir).content().contains("\"resourceType\": \"Bundle\"").contains("72514-3").contains("SAMPLE-11");
    }

    @Test
    void a_database_that_cannot_be_opened_exits_with_1() {
        Run r = registry("due", "--db", "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot open the registry database");
        Run wrong = registry("due", "--db", "jdbc:mysql://x/y");
        assertThat(wrong.code()).isEqualTo(2);
    }
}
