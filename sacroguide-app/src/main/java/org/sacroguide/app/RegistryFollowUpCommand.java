package org.sacroguide.app;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.model.Analgesics;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.FollowUpMethod;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.PatientStatus;
import org.sacroguide.registry.model.SchedulePoint;
import org.sacroguide.registry.model.StatusChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry follow-up}: one telephone call (or clinic visit), or a change of follow-up status. */
@Command(name = "follow-up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record a follow-up contact: pain on each side, pain score (VAS 0-10), optionally ODI, analgesics and a note. "
                + "The schedule point (baseline, 24-48h, 1m, 3m, 6m, 12m) is taken from the date unless given.",
            "With --status, record instead that the patient was lost to follow-up, withdrew, died, or is active again."},
        footer = {"", "Examples:",
            "  sacroguide registry follow-up --patient P-017 --vas 2 --pain-left no --pain-right yes --analgesics non-opioid",
            "  sacroguide registry follow-up --patient P-009 --status lost-to-follow-up --reason \"3 calls unanswered\""})
final class RegistryFollowUpCommand implements Callable<Integer> {

    @Option(names = "--patient", required = true, paramLabel = "ID", description = "Patient id.")
    String patient;

    @Option(names = "--date", paramLabel = "DATE", description = "Date of the contact or status change (default: today).")
    LocalDate date;

    @Option(names = "--method", paramLabel = "HOW", defaultValue = "telephone",
            description = "telephone or clinic (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--timepoint", paramLabel = "POINT",
            description = "Schedule point: baseline, 24-48h, 1m, 3m, 6m, 12m or unscheduled (default: from the date).")
    String timepoint;

    @Option(names = "--pain-left", paramLabel = "YES|NO", description = "Pain on the left side: yes or no (leave out if not asked).")
    String painLeft;

    @Option(names = "--pain-right", paramLabel = "YES|NO", description = "Pain on the right side: yes or no.")
    String painRight;

    @Option(names = "--vas", paramLabel = "SCORE", description = "Pain score 0 (none) to 10 (worst imaginable).")
    Double vas;

    @Option(names = "--odi", paramLabel = "SCORE", description = "Oswestry Disability Index 0-100, when assessed.")
    Integer odi;

    @Option(names = "--analgesics", paramLabel = "KIND", description = "Pain medication now: none, non-opioid or opioid.")
    String analgesics;

    @Option(names = "--note", paramLabel = "TEXT", description = "Free-text note (no names).")
    String note;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Instead of a contact: lost-to-follow-up, withdrawn, deceased or active.")
    String status;

    @Option(names = "--reason", paramLabel = "TEXT", description = "With --status: why.")
    String reason;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        LocalDate day = date == null ? RegistryDbOptions.today() : date;
        try (Registry r = db.open()) {
            if (status != null) {
                if (vas != null || odi != null || painLeft != null || painRight != null || analgesics != null || timepoint != null) {
                    throw new ExitCodes.UsageException("--status records a status change, not a contact: leave out --vas, --odi, --pain-*, "
                            + "--analgesics and --timepoint");
                }
                PatientStatus s = Codes.parse(PatientStatus.class, status, "--status");
                r.recordStatus(patient, new StatusChange(s, day, reason));
                System.out.println("patient " + patient.trim() + " is " + Codes.text(s) + " since " + day);
                return ExitCodes.OK;
            }
            if (vas == null && odi == null && painLeft == null && painRight == null && analgesics == null && note == null) {
                throw new ExitCodes.UsageException("nothing to record: give at least one of --vas, --pain-left, --pain-right, --odi, "
                        + "--analgesics, --note (or --status)");
            }
            NewFollowUp f = new NewFollowUp(day, Codes.parse(FollowUpMethod.class, method, "--method"),
                    timepoint == null ? null : SchedulePoint.parse(timepoint), yesNo(painLeft, "--pain-left"), yesNo(painRight, "--pain-right"),
                    vas, odi, analgesics == null ? null : Codes.parse(Analgesics.class, analgesics, "--analgesics"), note);
            long key = r.recordFollowUp(patient, f);
            System.out.println("recorded follow-up " + key + " for patient " + patient.trim() + " on " + day);
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        return ExitCodes.OK;
    }

    static Boolean yesNo(String text, String option) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "y", "true" -> Boolean.TRUE;
            case "no", "n", "false" -> Boolean.FALSE;
            default -> throw new ExitCodes.UsageException(option + " must be yes or no, was '" + text + "'");
        };
    }
}
