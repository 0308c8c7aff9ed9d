package org.sacroguide.registry.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.registry.Backend;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.TestRegistries;
import org.sacroguide.registry.stats.CohortStatistics;

/** The example file of the README imports as documented. */
class ExampleCsvTest {

    @TempDir
    Path tmp;

    @Test
    void the_readme_example_imports_without_errors() throws Exception {
        try (TestRegistries t = new TestRegistries(Backend.H2, tmp)) {
            Registry r = t.fresh();
            ImportReport report = new CsvImporter(r).importFile(Path.of("examples/registry-example.csv"), false);
            assertThat(report.errors()).isEmpty();
            assertThat(report.stored()).isEqualTo(16);
            CohortStatistics s = r.statistics();
            assertThat(s.patientsRegistered()).isEqualTo(3);
            assertThat(s.patientsTreated()).isEqualTo(2);
            assertThat(s.lostToFollowUp()).isEqualTo(1);
            assertThat(s.patientsFollowedUp()).isEqualTo(1);
            assertThat(s.extravasationBySide().get(org.sacroguide.registry.model.Extravasation.SOFT_TISSUE)).isEqualTo(1);
            assertThat(r.snapshot().followUps()).anySatisfy(f -> assertThat(f.data().note()).isEqualTo("walks without a stick, \"much better\""));
        }
    }
}
