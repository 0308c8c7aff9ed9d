package org.sacroguide.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sacroguide.planning.Gauge;
import org.sacroguide.planning.PlanningInputs;
import org.sacroguide.planning.PlanningOptions;
import org.sacroguide.planning.SacroplastyPlanning;
import org.sacroguide.planning.TreatmentPlan;
import org.sacroguide.planning.output.PlanWriter;
import org.sacroguide.planning.selection.CaseFile;
import org.sacroguide.planning.selection.CaseFileReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sacroguide plan CT [--case CASE] [--sacrum-mask FILE] -o DIR}: plans the sacroplasty needles on a
 * CT and writes plan.json, 3D Slicer markups and Fig-1 style axial pictures. Wiring only: selection,
 * planning and writing live in sacroguide-planning.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Plan sacroplasty needles on a CT: vertical (bilateral fracture) or oblique parallel to the SI joint "
                + "(unilateral), with clearances to foramina, canal, SI joint, disc and anterior cortex. Writes "
                + "DIR/plan.json, DIR/needle_<side>.mrk.json (3D Slicer, LPS) and DIR/needle_<side>_axial.png.",
            "Without --case both sides are planned with vertical needles.", "NOT FOR CLINICAL USE."})
final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CT", description = "The CT: a NIfTI file (.nii, .nii.gz) or a DICOM folder holding one CT series.")
    Path ct;

    @Option(names = "--case", paramLabel = "CASE",
            description = "Case file (YAML or JSON): runs patient selection and picks sides and approach.")
    Path caseFile;

    @Option(names = "--sacrum-mask", paramLabel = "FILE",
            description = "Sacrum mask on the CT's grid (NIfTI, non-zero = sacrum) to derive the sacrum model from, "
                    + "instead of segmenting automatically.")
    Path sacrumMask;

    @Option(names = "--ilium-left-mask", paramLabel = "FILE",
            description = "With --sacrum-mask: the patient's left ilium mask (defines the left SI joint).")
    Path iliumLeftMask;

    @Option(names = "--ilium-right-mask", paramLabel = "FILE",
            description = "With --sacrum-mask: the patient's right ilium mask (defines the right SI joint).")
    Path iliumRightMask;

    @Option(names = "--l5-mask", paramLabel = "FILE", description = "With --sacrum-mask: the L5 vertebra mask.")
    Path l5Mask;

    @Option(names = "--gauge", paramLabel = "G", description = "Needle gauge: 11G (3.05 mm) or 13G (2.41 mm); "
            + "default 11G or the case file's.")
    String gauge;

    @Option(names = "--cement-ml", paramLabel = "ML", description = "Planned cement per side, mL (default 3; "
            + "usual 2-4; warned outside 2-7). --gauge and --cement-ml win over the case file.")
    Double cementMl;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Output folder.")
    Path outputDir;

    @Override
    public Integer call() throws Exception {
        Optional<CaseFile> c = caseFile == null ? Optional.empty() : Optional.of(CaseFileReader.read(caseFile));
        PlanningOptions options = PlanningOptions.defaults();
        if (gauge != null) {
            options = options.withGauge(Gauge.parse(gauge));
        }
        if (gauge != null || cementMl != null) {
            // the command line wins over the case file's needle preferences; the case keeps the rest
            if (c.isPresent() && gauge == null && c.get().gauge().isPresent()) {
                options = options.withGauge(c.get().gauge().get());
            }
            if (c.isPresent() && cementMl == null && c.get().plannedCementMlPerSide().isPresent()) {
                options = options.withPlannedCementMl(c.get().plannedCementMlPerSide().getAsDouble());
            }
            c = c.map(CaseFile::withoutNeedlePreferences);
        }
        if (cementMl != null) {
            options = options.withPlannedCementMl(cementMl);
        }
        System.out.println("SacroGuide plan - NOT FOR CLINICAL USE");
        PlanningInputs in = PlanningInputs.load(ct, masks(sacrumMask, iliumLeftMask, iliumRightMask, l5Mask));
        TreatmentPlan plan = SacroplastyPlanning.plan(in.ct(), in.model(), c, options);
        System.out.println("Sacrum model: " + in.modelSource());
        plan.resultLines().forEach(System.out::println);
        // warnings (the automatic model's first) go to stderr, once, so that scripts and people both see them
        plan.warnings().forEach(w -> System.err.println("warning: " + w));
        List<Path> files = PlanWriter.write(plan, in.ct(), in.model(), Optional.of(in.ctPath()), outputDir);
        System.out.println("Wrote " + files.size() + " files to " + outputDir + " (" + files.get(0).getFileName() + " first)");
        return ExitCodes.OK;
    }

    /** The mask files given, or empty for automatic segmentation; extra masks need the sacrum mask. */
    static Optional<PlanningInputs.MaskFiles> masks(Path sacrum, Path iliumLeft, Path iliumRight, Path l5) {
        if (sacrum == null) {
            if (iliumLeft != null || iliumRight != null || l5 != null) {
                throw new ExitCodes.UsageException("--ilium-left-mask, --ilium-right-mask and --l5-mask need --sacrum-mask");
            }
            return Optional.empty();
        }
        return Optional.of(new PlanningInputs.MaskFiles(sacrum, Optional.ofNullable(iliumLeft),
                Optional.ofNullable(iliumRight), Optional.ofNullable(l5)));
    }
}
