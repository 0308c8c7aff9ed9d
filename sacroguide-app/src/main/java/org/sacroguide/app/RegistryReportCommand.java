package org.sacroguide.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sacroguide.registry.AtomicFiles;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.stats.CohortReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry report}: the cohort statistics beside the paper and the pooled literature. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cohort statistics in the order of a paper's Results: patients, sex, age, bilateral/unilateral, cement per "
                + "treatment and side, extravasation by location, follow-up, pain-free patients and sides, VAS over the schedule, "
                + "technical and clinical success, complications; beside Strub et al. 2007 and the pooled estimates of Chandra et "
                + "al. 2019. Printed as a table, or with --json as one JSON object."})
final class RegistryReportCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the statistics as one JSON object (nothing else on standard output).")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV to FILE.")
    Path csv;

    @Option(names = "--html", paramLabel = "DIR",
            description = "Also write DIR/registry-report.html with the VAS-over-time chart (" + CohortReport.CHART_FILE + ").")
    Path html;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        CohortReport report;
        try (Registry r = db.open()) {
            report = new CohortReport(r.statistics());
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        if (json) {
            System.out.println(report.json());
        } else {
            System.out.println("Cohort report (SacroGuide registry) - NOT FOR CLINICAL USE");
            System.out.print(report.table());
        }
        if (csv != null) {
            AtomicFiles.writeString(csv, report.csv());
            System.err.println("wrote " + csv);
        }
        if (html != null) {
            String section = report.htmlSection(html);
            String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SacroGuide registry report</title>\n"
                    + "<style>body{font-family:sans-serif;max-width:1100px;margin:1em auto;color:#222}.warn{background:#fee;"
                    + "border:2px solid #c00;padding:.6em;font-weight:bold}table{border-collapse:collapse}td,th{border:1px solid #bbb;"
                    + "padding:2px 8px;text-align:left}</style></head><body>\n<p class=\"warn\">NOT FOR CLINICAL USE. SacroGuide is "
                    + "decision support for research and training; it is not a medical device.</p>\n" + section + "</body></html>\n";
            Path file = html.resolve("registry-report.html");
            AtomicFiles.writeString(file, page);
            System.err.println("wrote " + file);
        }
        return ExitCodes.OK;
    }
}
