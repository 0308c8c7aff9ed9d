package org.sacroguide.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.NewProcedure;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.Sedation;
import org.sacroguide.registry.model.Side;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry record-procedure}: what was done on each side, in one transaction. */
@Command(name = "record-procedure", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record a sacroplasty: approach, needle and cement volume per treated side, where cement leaked, "
                + "complications. A side is treated when its --*-approach or --*-cement-ml is given. A side without a recorded "
                + "fracture needs --override-reason."},
        footer = {"", "Example (bilateral, vertical needles, as in Strub et al. 2007):",
            "  sacroguide registry record-procedure --patient P-017 --date 2026-10-20 --baseline-vas 8 \\",
            "      --left-approach vertical --left-needle-gauge 11 --left-cement-ml 2.0 \\",
            "      --right-approach vertical --right-needle-gauge 11 --right-cement-ml 2.2"})
final class RegistryRecordProcedureCommand implements Callable<Integer> {

    @Option(names = "--patient", required = true, paramLabel = "ID", description = "Patient id.")
    String patient;

    @Option(names = "--date", paramLabel = "DATE", description = "Procedure date (default: today).")
    LocalDate date;

    @Option(names = "--sedation", paramLabel = "KIND", defaultValue = "conscious-sedation",
            description = "local-only, conscious-sedation or general-anaesthesia (default: ${DEFAULT-VALUE}).")
    String sedation;

    @Option(names = "--left-approach", paramLabel = "APPROACH", description = "Left needle approach: vertical, oblique-si or long-axis.")
    String leftApproach;

    @Option(names = "--left-needle-gauge", paramLabel = "G", description = "Left needle gauge in G (6-22), e.g. 11.")
    Integer leftGauge;

    @Option(names = "--left-cement-ml", paramLabel = "ML", description = "PMMA injected on the left, in mL (0-20).")
    Double leftCementMl;

    @Option(names = "--left-extravasation", paramLabel = "WHERE", defaultValue = "none",
            description = "Cement outside the bone on the left: none, foramen, canal, soft-tissue, vein or disc (default: ${DEFAULT-VALUE}).")
    String leftExtravasation;

    @Option(names = "--right-approach", paramLabel = "APPROACH", description = "Right needle approach: vertical, oblique-si or long-axis.")
    String rightApproach;

    @Option(names = "--right-needle-gauge", paramLabel = "G", description = "Right needle gauge in G (6-22).")
    Integer rightGauge;

    @Option(names = "--right-cement-ml", paramLabel = "ML", description = "PMMA injected on the right, in mL (0-20).")
    Double rightCementMl;

    @Option(names = "--right-extravasation", paramLabel = "WHERE", defaultValue = "none",
            description = "Cement outside the bone on the right (default: ${DEFAULT-VALUE}).")
    String rightExtravasation;

    @Option(names = "--baseline-vas", paramLabel = "SCORE", description = "Pain score 0-10 before the procedure (the baseline).")
    Double baselineVas;

    @Option(names = "--complications", paramLabel = "TEXT", description = "Other complications, as free text.")
    String complications;

    @Option(names = "--major-complication", description = "A major complication occurred (e.g. surgery needed for a leak).")
    boolean majorComplication;

    @Option(names = "--override-reason", paramLabel = "TEXT",
            description = "Why a side without a recorded fracture (or a patient judged not a candidate) was treated.")
    String overrideReason;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        List<ProcedureSide> sides = new ArrayList<>();
        side(sides, Side.LEFT, leftApproach, leftGauge, leftCementMl, leftExtravasation);
        side(sides, Side.RIGHT, rightApproach, rightGauge, rightCementMl, rightExtravasation);
        if (sides.isEmpty()) {
            throw new ExitCodes.UsageException("no treated side: give --left-approach and --left-cement-ml, --right-approach and "
                    + "--right-cement-ml, or both");
        }
        NewProcedure p = new NewProcedure(date == null ? RegistryDbOptions.today() : date, Codes.parse(Sedation.class, sedation, "--sedation"),
                sides, overrideReason, complications, majorComplication, baselineVas);
        try (Registry r = db.open()) {
            long key = r.recordProcedure(patient, p);
            double total = p.sides().stream().mapToDouble(ProcedureSide::cementMl).sum();
            System.out.printf(java.util.Locale.ROOT, "recorded procedure %d for patient %s on %s: %s, %.1f mL cement in total%n", key,
                    patient.trim(), p.performedOn(), sides.size() == 2 ? "bilateral" : sides.get(0).side().lower() + " side", total);
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        return ExitCodes.OK;
    }

    private static void side(List<ProcedureSide> out, Side side, String approach, Integer gauge, Double ml, String extravasation) {
        String p = "--" + side.lower() + "-";
        if (approach == null && ml == null) {
            if (gauge != null) {
                throw new ExitCodes.UsageException(p + "needle-gauge without " + p + "approach and " + p + "cement-ml");
            }
            return;
        }
        if (approach == null || ml == null) {
            throw new ExitCodes.UsageException("a treated side needs both " + p + "approach and " + p + "cement-ml");
        }
        out.add(new ProcedureSide(side, Codes.parse(Approach.class, approach, p + "approach"), gauge, ml,
                Codes.parse(Extravasation.class, extravasation, p + "extravasation")));
    }
}
