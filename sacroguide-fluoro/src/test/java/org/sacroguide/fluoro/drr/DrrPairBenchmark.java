package org.sacroguide.fluoro.drr;

import org.sacroguide.imaging.TestData;
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
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;

/**
 * Render time of a frontal + lateral pair (512 x 512, SAD 1000, SID 1500, 430 mm) on the bundled CT resampled
 * to 0.8 x 0.8 x 1.5 mm (454 x 376 x 223), plastimatch's attenuation model, isocentre at the sacrum centroid,
 * for several gantry angles and tilts ("GANTRY:TILT" gives the views GANTRY and GANTRY + 90). Run by
 * bench/fluoro/bench.sh, not by Surefire. Target: at most 67 ms a pair on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class DrrPairBenchmark {

    @Param({"0:0", "30:0", "45:15", "120:-25", "10:60"})
    public String gantryTilt;

    private MuVolume mu;
    private DrrGeometry first;
    private DrrGeometry second;

    @Setup
    public void setUp() throws Exception {
        CtVolume ct = NiftiReader.readCt(TestData.demo("ct.nii.gz")).resample(0.8, 0.8, 1.5);
        mu = MuVolume.of(ct, AttenuationModel.PLASTIMATCH);
        PatientPoint iso = MaskCentroid.of(TestData.demo("sacrum.nii.gz"));
        String[] p = gantryTilt.split(":");
        double g = Double.parseDouble(p[0]);
        double t = Double.parseDouble(p[1]);
        first = DrrGeometry.of(g, t, 1000, 1500, 430, 430, 512, 512, iso);
        second = DrrGeometry.of(g + 90, t, 1000, 1500, 430, 430, 512, 512, iso);
        // the slab layouts are built once per volume and slice axis, like loading the CT: not timed
        DrrRenderer.render(mu, first);
        DrrRenderer.render(mu, second);
    }

    @Benchmark
    public float[] pair() throws Exception {
        Radiograph a = DrrRenderer.render(mu, first);
        Radiograph b = DrrRenderer.render(mu, second);
        return new float[] {a.at(256, 256), b.at(256, 256)};
    }
}
