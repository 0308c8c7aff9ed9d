package org.sacroguide.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.sacroguide.registry.csv.CsvImporter;
import org.sacroguide.registry.csv.ImportReport;

/**
 * The paper-consistent sample cohort shipped with the registry (resource {@code sample-cohort.csv}): 13
 * synthetic patients whose cohort statistics reproduce every number of the Results of Strub et al. 2007.
 * What comes from the paper and what was invented is stated at the top of the file.
 */
public final class SampleCohort {

    /** Resource path of the CSV file. */
    public static final String RESOURCE = "/org/sacroguide/registry/sample-cohort.csv";

    private SampleCohort() {
    }

    /** The CSV text (registry CSV layout). */
    public static String csv() {
        try (InputStream in = SampleCohort.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports the sample cohort into {@code registry} (all or nothing). */
    public static ImportReport importInto(Registry registry) throws RegistryException {
        ImportReport report = new CsvImporter(registry).importText(csv(), false);
        if (!report.ok()) {
            throw new ValidationException("the sample cohort could not be imported: " + report.describe());
        }
        return report;
    }
}
