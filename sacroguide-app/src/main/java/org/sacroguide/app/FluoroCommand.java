package org.sacroguide.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.fluoro.FluoroInputException;
import org.sacroguide.fluoro.InjectionRehearsal;
import org.sacroguide.fluoro.Needle;
import org.sacroguide.fluoro.PlanFile;
import org.sacroguide.fluoro.cement.CementProperties;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.planning.PlanningInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sacroguide fluoro PLAN -o DIR}: rehearses the cement injection of a treatment plan on simulated
 * frontal and lateral fluoroscopy, writing frames, an animation, {@code events.json} and Fig-2-like spot
 * films. Wiring only: the simulation and pictures live in sacroguide-fluoro.
 */
@Command(name = "fluoro", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulated fluoroscopy of the cement injection of a plan (plan.json from 'sacroguide plan'):",
                "frames every 0.5 mL, injection.gif, events.json, fig2_*.png. NOT FOR CLINICAL USE."})
final class FluoroCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN", description = "plan.json written by 'sacroguide plan'.")
    Path planPath;

    @Option(names = "--ct", paramLabel = "CT", description = "The CT (NIfTI file or DICOM folder); default: the plan's 'ct' field.")
    Path ctPath;

    @Option(names = "--sacrum-mask", paramLabel = "FILE",
            description = "Sacrum mask (NIfTI; resampled onto the CT grid if needed) to derive the sacrum model from, instead of segmenting.")
    Path sacrumMask;

    @Option(names = "--viscosity", paramLabel = "PA_S", defaultValue = "100",
            description = "Cement viscosity at the start of injection, Pa s (default: ${DEFAULT-VALUE}).")
    double viscosityPaS;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the pore-scale randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--frame-step-ml", paramLabel = "ML", defaultValue = "0.5",
            description = "Volume between frames, mL (default: ${DEFAULT-VALUE}).")
    double frameStepMl;

    @Option(names = "--pixels", defaultValue = "512", description = "Detector pixels per side (default: ${DEFAULT-VALUE}).")
    int pixels;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    Path outputDir;

    @Override
    public Integer call() throws Exception {
        if (!(viscosityPaS > 0) || !(frameStepMl > 0) || pixels < 32 || pixels > 2048) {
            throw new ExitCodes.UsageException(String.format(Locale.ROOT,
                    "--viscosity and --frame-step-ml must be > 0 and --pixels 32..2048, were %s, %s, %d", viscosityPaS,
                    frameStepMl, pixels));
        }
        PlanFile plan = PlanFile.read(planPath);
        Path ctFile = ctPath != null ? ctPath : plan.ctPath().orElseThrow(() -> new FluoroInputException(
                "the plan names no CT: give it with --ct"));
        System.out.println("sacroguide fluoro - " + InjectionRehearsal.NOTICE);
        // the same CT + mask -> model path as plan and select (NIfTI or DICOM; masks resampled onto the CT grid)
        PlanningInputs in = PlanningInputs.load(ctFile, Optional.ofNullable(sacrumMask).map(PlanningInputs.MaskFiles::sacrumOnly));
        CtVolume ct = in.ct();
        List<Needle> needles = plan.needles(ct.grid());
        SacrumModel model = in.model();
        InjectionRehearsal.Options o = new InjectionRehearsal.Options(
                CementProperties.typical(seed).withInitialViscosity(viscosityPaS), frameStepMl, pixels, List.of());
        InjectionRehearsal.Summary s = InjectionRehearsal.run(ct, model, needles, o, outputDir);
        s.lines().forEach(l -> System.out.println("  " + l));
        System.out.println("Events: " + s.eventsJson());
        System.out.println("Spot films: " + s.spotFilms() + "; animation: " + s.animation() + "; " + s.frames().size()
                + " frames in " + outputDir.resolve("frames"));
        return ExitCodes.OK;
    }
}
