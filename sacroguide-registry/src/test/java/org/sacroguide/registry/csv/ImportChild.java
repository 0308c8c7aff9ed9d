package org.sacroguide.registry.csv;

import java.nio.file.Path;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryLocation;

/**
 * A separate JVM for {@code KilledImportTest}: imports a CSV file and prints its progress ("ROWS n"), so
 * that the test can kill it in the middle of the import. Arguments: JDBC URL, user, password ("-" for
 * none), CSV file, and optionally "then-wait" to stay alive (registry open) after the import.
 */
public final class ImportChild {

    private ImportChild() {
    }

    public static void main(String[] args) throws Exception {
        RegistryLocation at = new RegistryLocation(args[0], "-".equals(args[1]) ? null : args[1], "-".equals(args[2]) ? null : args[2]);
        try (Registry r = Registry.open(at, "import child")) {
            System.out.println("OPENED");
            System.out.flush();
            ImportReport report = new CsvImporter(r).onProgress((done, total) -> {
                if (done % 250 == 0) {
                    System.out.println("ROWS " + done + " of " + total);
                    System.out.flush();
                }
            }).importFile(Path.of(args[3]), false);
            System.out.println("DONE " + report.describe());
            System.out.flush();
            if (args.length > 4 && "then-wait".equals(args[4])) {
                Thread.sleep(60_000); // to be killed while the registry is still open
            }
        }
    }
}
