package org.sacroguide.planning.trajectory;

import org.sacroguide.imaging.TestData;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.planning.PlanningInputs;
import org.sacroguide.planning.PlanningOptions;
import org.sacroguide.planning.SacroplastyPlanning;
import org.sacroguide.planning.TreatmentPlan;

/**
 * Time to plan both sides (vertical needles, no case file) once the SacrumModel exists: distance maps,
 * exact clearance index, search and exact re-check, on the bundled real CT (model derived from its sacrum
 * and hip masks) and on phantoms at clinical resolutions. Target: at most 1 s. Run with {@code bench/planning/run.sh}, not by Surefire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrajectoryPlanningBenchmark {

    /** Phantom pixel x slice spacing in mm, or "demo": the bundled real CT with the model derived from its masks. */
    @Param({"demo", "0.7x3.0", "1.0x1.0", "3.0x3.0"})
    public String input;

    private CtVolume ct;
    private SacrumModel model;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (input.equals("demo")) {
            PlanningInputs in = PlanningInputs.load(TestData.demo("ct.nii.gz"), Optional.of(new PlanningInputs.MaskFiles(
                    TestData.demo("sacrum.nii.gz"), Optional.of(TestData.demo("hip_left.nii.gz")),
                    Optional.of(TestData.demo("hip_right.nii.gz")), Optional.empty())));
            ct = in.ct();
            model = in.model();
            return;
        }
        String[] s = input.split("x");
        Phantom phantom = PhantomGenerator.generate(PhantomSpec.of(11, Double.parseDouble(s[0]))
                .withSpacing(Double.parseDouble(s[0]), Double.parseDouble(s[1]))
                .withOsteoporosis(true).withFractures(PhantomSpec.FractureLines.BILATERAL));
        ct = phantom.ct();
        model = phantom.truthModel();
    }

    @Benchmark
    public TreatmentPlan planBothSides() throws Exception {
        return SacroplastyPlanning.plan(ct, model, Optional.empty(), PlanningOptions.defaults());
    }
}
