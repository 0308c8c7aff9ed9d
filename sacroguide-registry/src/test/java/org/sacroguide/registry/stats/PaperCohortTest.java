package org.sacroguide.registry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sacroguide.registry.Backend;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.SampleCohort;
import org.sacroguide.registry.TestRegistries;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.SchedulePoint;
import org.sacroguide.registry.model.Side;

/**
 * The paper-consistent sample cohort, entered through the registry, reproduces every number of the Results
 * of Strub et al. 2007, and the report prints them (H2 and PostgreSQL).
 */
class PaperCohortTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_report_reproduces_every_number_of_the_papers_results(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            assertThat(SampleCohort.importInto(r).stored()).isEqualTo(13 * 5 + 6 * 2 + 7);
            CohortStatistics s = r.statistics();

            // "The procedure was performed on 13 female patients with an average age of 76 years (range, 60-88 years)."
            assertThat(s.patientsTreated()).isEqualTo(13);
            assertThat(s.treatments()).isEqualTo(13);
            assertThat(s.women()).isEqualTo(13);
            assertThat(s.men() + s.otherOrUnknownSex()).isZero();
            assertThat(Math.round(s.ageYears().mean())).isEqualTo(76);
            assertThat(s.ageYears().min()).isEqualTo(60);
            assertThat(s.ageYears().max()).isEqualTo(88);
            // "A bilateral procedure was performed in 11 patients and a unilateral procedure in 2."
            assertThat(s.bilateral()).isEqualTo(11);
            assertThat(s.unilateral()).isEqualTo(2);
            // "An average of 4.1 mL of cement was injected for each treatment."
            assertThat(s.cementPerTreatmentMl().mean()).isCloseTo(4.1, within(0.05));
            assertThat(String.format(java.util.Locale.ROOT, "%.1f", s.cementPerTreatmentMl().mean())).isEqualTo("4.1");
            // "There were no instances of cement extravasation into the central canal or sacral foramina."
            assertThat(s.treatmentsWithCanalOrForamenLeak()).isZero();
            assertThat(s.extravasationBySide().get(Extravasation.CANAL)).isZero();
            assertThat(s.extravasationBySide().get(Extravasation.FORAMEN)).isZero();
            // "Long-term follow-up, averaging 15 months, was available in 6 patients."
            assertThat(s.patientsFollowedUp()).isEqualTo(6);
            assertThat(Math.round(s.followUpMonths().mean())).isEqualTo(15);
            // "Five patients (83%) reported no symptoms of pain at all."
            assertThat(s.painFreePatients().count()).isEqualTo(5);
            assertThat(s.painFreePatients().of()).isEqualTo(6);
            assertThat(Math.round(s.painFreePatients().percent())).isEqualTo(83);
            // "The final patient, in whom a bilateral procedure was performed, was completely asymptomatic on the
            // left side but reported persistent unilateral pain on the right."
            assertThat(s.partialRelief()).singleElement().satisfies(p -> {
                assertThat(p.painFree()).isEqualTo(Set.of(Side.LEFT));
                assertThat(p.painful()).isEqualTo(Set.of(Side.RIGHT));
                assertThat(p.describe()).isEqualTo("pain-free on the left, in pain on the right");
            });
            assertThat(s.painFreeSides().count()).isEqualTo(11);
            assertThat(s.painFreeSides().of()).isEqualTo(12);
            // Beyond the paper: every treatment technically successful, none with a major complication.
            assertThat(s.technicalSuccess().count()).isEqualTo(13);
            assertThat(s.majorComplications().count()).isZero();
            assertThat(s.lostToFollowUp()).isEqualTo(7);
            assertThat(s.vasOverTime()).filteredOn(v -> v.point() == SchedulePoint.BASELINE).singleElement()
                    .satisfies(v -> assertThat(v.n()).isEqualTo(13));

            String table = new CohortReport(s).table();
            assertThat(table)
                    .containsPattern("Patients treated +13 +13 +861")
                    .containsPattern("Women +13 of 13")
                    .contains("76 (60-88) years")
                    .contains("11 / 2")
                    .contains("4.1 mL (")
                    .contains("0 of 13 treatments")
                    .contains("6 patients, 15 months (")
                    .contains("5 of 6 (83%)")
                    .contains("SAMPLE-11: left pain-free, right in pain")
                    .contains("98.9% (852/861)", "95.7% (623/651)", "0.3%", "8.32", "3.55", "1.48", "0.92");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void the_report_is_one_json_object_a_csv_and_an_html_section_with_a_chart(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            SampleCohort.importInto(r);
            CohortReport report = new CohortReport(r.statistics());

            JsonNode json = new ObjectMapper().readTree(report.json());
            assertThat(json.isObject()).isTrue();
            assertThat(json.get("patientsTreated").asInt()).isEqualTo(13);
            assertThat(json.at("/ageYears/mean").asDouble()).isCloseTo(76.0, within(0.5));
            assertThat(json.at("/cementPerTreatmentMl/mean").asDouble()).isCloseTo(4.1, within(0.05));
            assertThat(json.at("/painFreePatients/count").asInt()).isEqualTo(5);
            assertThat(json.at("/literature/chandra2019/vas_12m").asDouble()).isEqualTo(0.923);
            assertThat(json.at("/partialRelief/0/painfulSides/0").asText()).isEqualTo("right");

            String csv = report.csv();
            assertThat(csv).startsWith("key,measure,registry,strub2007,chandra2019\r\n");
            assertThat(csv).contains("pain_free_patients,Pain-free at latest follow-up (patients),5 of 6 (83%),5 of 6 (83%),");

            Path dir = tmp.resolve("report-" + backend);
            String html = report.htmlSection(dir);
            assertThat(html).startsWith("<section").contains("<img src=\"" + CohortReport.CHART_FILE + "\"")
                    .contains("<td>76 (60-88) years</td>").contains("NOT FOR CLINICAL USE").endsWith("</section>\n");
            byte[] png = Files.readAllBytes(dir.resolve(CohortReport.CHART_FILE));
            assertThat(png.length).isGreaterThan(5_000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
            assertThat(javax.imageio.ImageIO.read(dir.resolve(CohortReport.CHART_FILE).toFile()).getWidth()).isEqualTo(640);
        }
    }
}
