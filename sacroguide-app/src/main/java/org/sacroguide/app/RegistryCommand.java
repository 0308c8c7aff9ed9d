package org.sacroguide.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sacroguide registry}: the outcomes registry for the research coordinator who makes the follow-up
 * calls and the radiologists who read the cohort's results. One subcommand per job; every one takes
 * {@code --db} (default: the embedded database in ~/.sacroguide/registry). Wiring only: validation,
 * statistics and exports live in sacroguide-registry.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Outcomes registry: patients, procedures, telephone follow-ups, the list of calls due, cohort "
                + "statistics beside the literature, CSV and FHIR R4 exchange.",
            "Every write is checked (impossible values are refused with the reason), is one transaction, and is kept in "
                + "the audit trail. Research and training software: NOT FOR CLINICAL USE."},
        footer = {"", "Typical day of the coordinator:",
            "  sacroguide registry due                       # whom to call today",
            "  sacroguide registry follow-up --patient P-017 --vas 2 --pain-left no --pain-right no",
            "  sacroguide registry report                    # the cohort beside Strub 2007 and Chandra 2019",
            "", "Dates are written YYYY-MM-DD. The CSV layout is documented in sacroguide-registry/README.md."},
        subcommands = {
            CommandLine.HelpCommand.class,
            RegistryAddPatientCommand.class,
            RegistryRecordProcedureCommand.class,
            RegistryFollowUpCommand.class,
            RegistryDueCommand.class,
            RegistryReportCommand.class,
            RegistryExportFhirCommand.class,
            RegistryImportCsvCommand.class,
            RegistryExportCsvCommand.class,
            RegistryCorrectCommand.class,
            RegistryAuditCommand.class,
        })
public final class RegistryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
