package org.sacroguide.imaging.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.TestData;
import org.sacroguide.imaging.nifti.NiftiReader;

/**
 * Load time of a 512 x 512 x 300 CT (157 MB of int16 pixel data) stored as a DICOM series, uncompressed
 * (explicit VR little endian) and JPEG 2000 lossless: scanning the folder, checking the geometry and
 * reading every pixel into a {@link CtVolume}. The series is made once from the bundled CT (resampled,
 * with seeded noise so that compression is realistic) by {@link DicomWriter} and kept in {@code dataDir}.
 * Files are in the page cache after the first run (warm-cache numbers). Run with bench/dicom/run.sh,
 * which prints MB/s; never run by Surefire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Djava.awt.headless=true"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class DicomLoadBenchmark {

    public static final int COLUMNS = 512;
    public static final int ROWS = 512;
    public static final int SLICES = 300;
    /** Bytes of int16 pixel data in the series. */
    public static final long PIXEL_BYTES = 2L * COLUMNS * ROWS * SLICES;

    @Param({"uncompressed", "jpeg2000-lossless"})
    public String encoding;

    /** Where the generated series are kept (default: sacroguide-imaging/target/bench-dicom). */
    @Param({""})
    public String dataDir;

    private Path folder;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Path root = dataDir.isEmpty() ? TestData.repoRoot().resolve("sacroguide-imaging/target/bench-dicom") : Path.of(dataDir);
        folder = ensureSeries(root, encoding);
    }

    @Benchmark
    public CtVolume load() throws Exception {
        return DicomSeriesReader.read(List.of(folder), DicomReadOptions.DEFAULTS).volume();
    }

    /** The series of this encoding under {@code root}, written first if it is not complete yet. */
    public static Path ensureSeries(Path root, String encoding) throws IOException {
        Path folder = root.resolve(encoding);
        Path done = root.resolve(encoding + ".complete");
        if (Files.exists(done)) {
            return folder;
        }
        DicomWriter.Compression compression = switch (encoding) {
            case "uncompressed" -> DicomWriter.Compression.NONE;
            case "jpeg2000-lossless" -> DicomWriter.Compression.JPEG_2000_LOSSLESS;
            default -> throw new IllegalArgumentException("encoding must be uncompressed or jpeg2000-lossless, was " + encoding);
        };
        CtVolume ct = syntheticCt();
        long t0 = System.nanoTime();
        DicomWriter.writeSeries(ct, folder, DicomWriter.SeriesSpec.of("benchmark 512x512x300 " + encoding)
                .withCompression(compression).withEncoding(DicomWriter.PixelEncoding.UINT16));
        Files.writeString(done, "written in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n");
        return folder;
    }

    /** The bundled CT resampled to 512 x 512 x 300 (about 0.71 x 0.59 x 1.11 mm) plus seeded noise (sd 12 HU). */
    static CtVolume syntheticCt() throws IOException {
        CtVolume source;
        try {
            source = NiftiReader.readCt(TestData.demo("ct.nii.gz"));
        } catch (org.sacroguide.imaging.CtInputException e) {
            throw new IOException(e.getMessage(), e);
        }
        double[] sp = source.spacingMm();
        double shrink = 1 - 1e-9;
        CtVolume big = source.resample((source.columns() - 1) * sp[0] / (COLUMNS - 1) * shrink,
                (source.rows() - 1) * sp[1] / (ROWS - 1) * shrink, (source.slices() - 1) * sp[2] / (SLICES - 1) * shrink)
                .crop(0, 0, 0, COLUMNS, ROWS, SLICES);
        short[] hu = big.huArray();
        int perSlice = COLUMNS * ROWS;
        IntStream.range(0, SLICES).parallel().forEach(k -> {
            Random r = new Random(1000 + k);
            for (int i = k * perSlice; i < (k + 1) * perSlice; i++) {
                hu[i] = (short) Math.max(-1024, Math.min(3071, hu[i] + Math.round(r.nextGaussian() * 12)));
            }
        });
        return big;
    }
}
