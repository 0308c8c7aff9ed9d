package org.sacroguide.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.SampleCohort;
import org.sacroguide.registry.csv.CsvImporter;
import org.sacroguide.registry.csv.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sacroguide registry import-csv}: a coordinator's spreadsheet, all or nothing. */
@Command(name = "import-csv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import a CSV file (UTF-8, layout in sacroguide-registry/README.md) in one transaction: either every row is "
                + "stored, or none is and each refused row is listed with its line number and the reason (exit code 1)."})
final class RegistryImportCsvCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(names = "--dry-run", description = "Check every row and report, but store nothing.")
    boolean dryRun;

    @Option(names = "--sample-cohort",
            description = "Import the bundled sample cohort instead of a file: 13 synthetic patients consistent with Strub et al. 2007.")
    boolean sampleCohort;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        if ((file == null) == !sampleCohort) {
            throw new ExitCodes.UsageException("give a CSV file or --sample-cohort (one of them)");
        }
        ImportReport report;
        try (Registry r = db.open()) {
            CsvImporter importer = new CsvImporter(r);
            report = sampleCohort ? importer.importText(SampleCohort.csv(), dryRun) : importer.importFile(file, dryRun);
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        if (report.ok()) {
            System.out.println(report.describe());
            return ExitCodes.OK;
        }
        System.err.println("sacroguide registry import-csv: " + report.describe());
        return ExitCodes.BAD_INPUT;
    }
}
