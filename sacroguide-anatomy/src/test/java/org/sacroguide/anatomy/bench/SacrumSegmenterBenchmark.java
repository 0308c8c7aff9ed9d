package org.sacroguide.anatomy.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.sacroguide.anatomy.segment.SacrumSegmenter;
import org.sacroguide.imaging.CtVolume;

/**
 * CtVolume to SacrumModel on a 512 x 512 x 300 CT (an osteoporotic phantom, 0.7 mm pixels, 1 mm slices)
 * and on a 3 mm phantom; run by bench/anatomy/run.sh, never by Surefire. The target is 3 s for the
 * large CT on a 2-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class SacrumSegmenterBenchmark {

    @Param({"512x512x300", "3mm"})
    public String size;

    private CtVolume ct;

    @Setup
    public void setUp() {
        PhantomSpec spec = size.equals("3mm") ? PhantomSpec.of(1, 3).withOsteoporosis(true)
                : PhantomSpec.of(1, 0.7).withSpacing(0.7, 1.0).withFieldOfView(358.4, 358.4, 300).withOsteoporosis(true);
        Phantom p = PhantomGenerator.generate(spec);
        ct = p.ct();
    }

    @Benchmark
    public SacrumModel segment() throws Exception {
        return SacrumSegmenter.segment(ct);
    }
}
