package org.sacroguide.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.Sex;
import org.sacroguide.registry.model.Side;
import org.sacroguide.registry.stats.CohortReport;

/** The demo's entry point: a fresh registry with the sample cohort and the demo case, and its HTML section. */
class RegistryDemoTest {

    @TempDir
    Path tmp;

    @Test
    void records_the_demo_case_beside_the_sample_cohort_and_returns_the_cohort_section() throws Exception {
        Path reportDir = tmp.resolve("report");
        RegistryDemo.DemoCase demo = RegistryDemo.DemoCase.planned("DEMO-001", Sex.FEMALE, 1948, LocalDate.now(),
                Map.of(Side.LEFT, Approach.VERTICAL, Side.RIGHT, Approach.VERTICAL), Map.of(Side.LEFT, 2.0, Side.RIGHT, 2.5), 11);
        String url = RegistryDemo.freshEmbeddedUrl(tmp.resolve("registry"));
        String html = RegistryDemo.recordAndReport(url, demo, reportDir);
        assertThat(html).startsWith("<section").contains("DEMO-001").contains("left 2.0 mL, right 2.5 mL")
                .contains("<td>Patients treated</td><td>14</td>").contains(CohortReport.CHART_FILE);
        assertThat(reportDir.resolve(CohortReport.CHART_FILE)).isRegularFile();

        assertThatThrownBy(() -> RegistryDemo.recordAndReport(url, demo, reportDir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("needs an empty registry");
        String again = RegistryDemo.freshEmbeddedUrl(tmp.resolve("registry"));
        assertThat(RegistryDemo.recordAndReport(again, demo, reportDir)).contains("DEMO-001");
    }
}
