package org.sacroguide.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sacroguide.registry.AtomicFiles;
import org.sacroguide.registry.csv.CsvExporter;
import org.sacroguide.registry.model.CohortData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry export-csv}: the whole registry in the CSV layout that import-csv reads. */
@Command(name = "export-csv", mixinStandardHelpOptions = true,
        description = {"Export every record in the registry CSV layout (opens in a spreadsheet; import-csv reads it back into an "
                + "empty registry). The audit trail is not exported."})
final class RegistryExportCsvCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "CSV file to write, or - for standard output.")
    String output;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        CohortData data = db.snapshot();
        String csv = CsvExporter.export(data);
        if ("-".equals(output)) {
            System.out.print(csv);
        } else {
            AtomicFiles.writeString(Path.of(output), csv);
            System.out.println("wrote " + output + ": " + data.patients().size() + " patients");
        }
        return ExitCodes.OK;
    }
}
