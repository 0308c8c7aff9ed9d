package org.sacroguide.registry.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sacroguide.registry.Backend;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.SampleCohort;
import org.sacroguide.registry.TestRegistries;

/** CSV import is all-or-nothing with a row-by-row report; export and import round-trip (H2 and PostgreSQL). */
class CsvImportExportTest {

    @TempDir
    Path tmp;

    private static final String HEADER = "record,patient_id,date,sex,birth_year,side,modality,sedation,left_approach,left_cement_ml,"
            + "right_approach,right_cement_ml,override_reason,timepoint,method,pain_left,pain_right,vas,note\n";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_file_with_bad_rows_imports_nothing_and_names_every_bad_row(Backend backend) throws Exception {
        String csv = HEADER
                + "patient,C-1,,female,1931,,,,,,,,,,,,,,\n"                                        // line 2 ok
                + "fracture,C-1,2024-01-10,,,bilateral,mri,,,,,,,,,,,,\n"                           // line 3 ok
                + "procedure,C-1,2024-01-20,,,,,conscious-sedation,vertical,2.0,vertical,25,,,,,,,\n"  // line 4: 25 mL
                + "patient,C-1,,female,1931,,,,,,,,,,,,,,\n"                                        // line 5: duplicate
                + "patient,C-2,,female,1940,,,,,,,,,,,,,,\n"                                        // line 6 ok
                + "procedure,C-2,2024-02-01,,,,,local-only,oblique-si,3.0,,,,,,,,,\n"                // line 7: no fracture
                + "follow_up,C-1,2024-04-20,,,,,,,,,,,3m,telephone,no,no,11,\"said \"\"eleven\"\", asked twice\"\n"; // line 8
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            int auditBefore = r.auditTrail(null).size();
            ImportReport report = new CsvImporter(r).importText(csv, false);
            assertThat(report.committed()).isFalse();
            assertThat(report.stored()).isZero();
            assertThat(report.records()).isEqualTo(7);
            assertThat(report.errors()).extracting(ImportReport.RowError::line).containsExactly(4, 5, 7, 8);
            assertThat(report.errors().get(0).describe())
                    .isEqualTo("line 4 (procedure C-1): cement volume on the right side must be between 0 and 20 mL, was 25 mL");
            assertThat(report.errors().get(1).message()).startsWith("patient id C-1 already exists");
            assertThat(report.errors().get(2).message()).contains("no fracture on that side");
            // The follow-up is refused because its procedure was refused (and VAS 11 would be refused anyway).
            assertThat(report.errors().get(3).message()).containsAnyOf("has no recorded procedure", "VAS must be between 0 and 10");
            assertThat(report.describe()).startsWith("nothing imported: 4 rows were refused (of 7)");
            assertThat(r.patientCount()).isZero();
            assertThat(r.auditTrail(null)).hasSize(auditBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_good_file_imports_completely_and_quoted_fields_survive(Backend backend) throws Exception {
        String csv = HEADER
                + "patient,C-1,,female,1931,,,,,,,,,,,,,,\n"
                + "fracture,C-1,2024-01-10,,,left,ct,,,,,,,,,,,,\n"
                + "procedure,C-1,2024-01-20,,,,,conscious-sedation,,,long-axis,\"2,5\",\"right side: fracture on MRI, not on CT\",,,,,,\n"
                + "follow_up,C-1,2024-04-20,,,,,,,,,,,3m,telephone,,no,2,\"said \"\"much better\"\", walks\nwith a stick\"\n";
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            ImportReport report = new CsvImporter(r).importText(csv, false);
            assertThat(report.errors()).isEmpty();
            assertThat(report.committed()).isTrue();
            assertThat(report.stored()).isEqualTo(4);
            var d = r.snapshot();
            assertThat(d.procedures().get(0).sides().get(0).cementMl()).isEqualTo(2.5);
            assertThat(d.procedures().get(0).overrideReason()).isEqualTo("right side: fracture on MRI, not on CT");
            assertThat(d.followUps().get(0).data().note()).isEqualTo("said \"much better\", walks\nwith a stick");
            assertThat(d.followUps().get(0).data().painLeft()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void export_then_import_into_an_empty_registry_gives_the_same_records(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry first = t.fresh();
            SampleCohort.importInto(first);
            String exported = CsvExporter.export(first.snapshot());
            Path file = tmp.resolve("export-" + backend + ".csv");
            Files.writeString(file, exported);

            Registry second = t.fresh();
            ImportReport report = new CsvImporter(second).importFile(file, false);
            assertThat(report.errors()).isEmpty();
            assertThat(CsvExporter.export(second.snapshot())).isEqualTo(exported);
            assertThat(second.statistics()).isEqualTo(first.statistics());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_dry_run_checks_everything_and_stores_nothing(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            ImportReport report = new CsvImporter(r).importText(SampleCohort.csv(), true);
            assertThat(report.errors()).isEmpty();
            assertThat(report.committed()).isFalse();
            assertThat(report.describe()).startsWith("checked 84 records: all valid");
            assertThat(r.patientCount()).isZero();
        }
    }
}
