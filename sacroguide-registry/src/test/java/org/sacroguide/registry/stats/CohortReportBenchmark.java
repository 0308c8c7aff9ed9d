package org.sacroguide.registry.stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryLocation;
import org.sacroguide.registry.SyntheticCohort;
import org.sacroguide.registry.csv.CsvImporter;
import org.sacroguide.registry.csv.ImportReport;

/**
 * The cohort report over 10,000 patients (about 56,000 records) in an embedded H2 registry: read
 * everything, compute the statistics, render the table and the JSON. Target: at most 1 s. Run with
 * {@code bench/registry/run.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-Djava.awt.headless=true"})
public class CohortReportBenchmark {

    @Param({"10000"})
    int patients;

    private Path dir;
    private Registry registry;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("sacroguide-bench");
        registry = Registry.open(RegistryLocation.embedded(dir), "benchmark");
        long t0 = System.nanoTime();
        ImportReport report = new CsvImporter(registry).importText(SyntheticCohort.csv(patients, 42), false);
        if (!report.ok()) {
            throw new IllegalStateException(report.describe());
        }
        System.out.printf("%nimported %d records for %d patients in %.1f s%n", report.stored(), patients, (System.nanoTime() - t0) / 1e9);
    }

    @Benchmark
    public int cohortReport() throws Exception {
        CohortReport report = new CohortReport(registry.statistics());
        return report.table().length() + report.json().length();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        registry.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
