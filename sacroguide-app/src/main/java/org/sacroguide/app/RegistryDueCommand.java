package org.sacroguide.app;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.DueItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry due}: the follow-up calls to make. */
@Command(name = "due", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the follow-ups due: for every active patient, each schedule point (baseline, 24-48 h, 1, 3, 6, 12 "
                + "months) without a contact whose window is open today (DUE) or opens within --days-ahead (UPCOMING); with "
                + "--include-missed also those whose window closed (MISSED)."})
final class RegistryDueCommand implements Callable<Integer> {

    @Option(names = "--today", paramLabel = "DATE", description = "The day to plan for (default: today).")
    LocalDate today;

    @Option(names = "--days-ahead", paramLabel = "DAYS", defaultValue = "14",
            description = "Also list windows opening within this many days (default: ${DEFAULT-VALUE}).")
    int daysAhead;

    @Option(names = "--include-missed", description = "Also list schedule points whose window closed without a contact.")
    boolean includeMissed;

    @Option(names = "--csv", description = "Print CSV (patient_id,procedure_date,timepoint,target,window_opens,window_closes,status).")
    boolean csv;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        if (daysAhead < 0) {
            throw new ExitCodes.UsageException("--days-ahead must be 0 or more, was " + daysAhead);
        }
        LocalDate day = today == null ? RegistryDbOptions.today() : today;
        List<DueItem> items;
        try (Registry r = db.open()) {
            items = r.due(day, daysAhead, includeMissed);
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        if (csv) {
            System.out.println("patient_id,procedure_date,timepoint,target,window_opens,window_closes,status");
            for (DueItem d : items) {
                System.out.println(String.join(",", d.patientId(), d.procedureDate().toString(), d.point().code(), d.target().toString(),
                        d.windowOpens().toString(), d.windowCloses().toString(), d.status().name().toLowerCase(Locale.ROOT)));
            }
            return ExitCodes.OK;
        }
        if (items.isEmpty()) {
            System.out.println("no follow-ups due on " + day + (daysAhead > 0 ? " or in the next " + daysAhead + " days" : ""));
            return ExitCodes.OK;
        }
        System.out.println("Follow-ups due on " + day + " (NOT FOR CLINICAL USE):");
        System.out.printf(Locale.ROOT, "%-16s %-10s %-10s %-10s %-23s %s%n", "patient", "procedure", "call", "target", "window", "status");
        for (DueItem d : items) {
            System.out.printf(Locale.ROOT, "%-16s %-10s %-10s %-10s %-23s %s%n", d.patientId(), d.procedureDate(), d.point().label(),
                    d.target(), d.windowOpens() + ".." + d.windowCloses(), Codes.text(d.status()));
        }
        return ExitCodes.OK;
    }
}
