package org.sacroguide.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Structure;
import org.sacroguide.anatomy.report.SacrumReport;
import org.sacroguide.anatomy.segment.MaskInput;
import org.sacroguide.anatomy.segment.SacrumAnalyzer;
import org.sacroguide.anatomy.segment.SacrumSegmenter;
import org.sacroguide.imaging.AtomicFile;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.dicom.DicomReadOptions;
import org.sacroguide.imaging.dicom.DicomSeriesReader;
import org.sacroguide.imaging.nifti.NiftiReader;
import org.sacroguide.imaging.nifti.NiftiWriter;
import org.sacroguide.imaging.render.GrayImages;
import org.sacroguide.imaging.render.ViewPlane;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sacroguide segment CT -o DIR}: the automatic sacrum model of a CT (NIfTI file or DICOM folder), or,
 * with {@code --sacrum-mask}, the model derived inside a sacrum mask the department already has (e.g.
 * TotalSegmentator's). Writes {@code labels.nii.gz} (uint8 on the CT's grid), {@code summary.json} and
 * three overlay pictures. Wiring only: the analysis is {@link SacrumSegmenter} and {@link SacrumAnalyzer}.
 */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Model the sacrum of a pelvic CT: sacrum, central canal, foramina S1-S4, SI joints, ilia and L5; "
                + "writes DIR/labels.nii.gz, DIR/summary.json and DIR/overlay_{axial,coronal,sagittal}.png.",
            "Research and training software: NOT FOR CLINICAL USE."})
final class SegmentCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CT", description = "The CT: a NIfTI file (.nii, .nii.gz) or a DICOM folder.")
    Path ct;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path outDir;

    @Option(names = "--sacrum-mask", paramLabel = "FILE",
            description = "A sacrum mask (NIfTI, non-zero = sacrum, e.g. TotalSegmentator's sacrum.nii.gz) used instead "
                    + "of the automatic bone separation; resampled to the CT's grid when needed.")
    Path sacrumMask;

    @Option(names = "--ilium-left-mask", paramLabel = "FILE", description = "Left ilium mask (e.g. hip_left.nii.gz); "
            + "only with --sacrum-mask.")
    Path iliumLeftMask;

    @Option(names = "--ilium-right-mask", paramLabel = "FILE", description = "Right ilium mask (e.g. hip_right.nii.gz); "
            + "only with --sacrum-mask.")
    Path iliumRightMask;

    @Option(names = "--l5-mask", paramLabel = "FILE", description = "L5 mask (e.g. vertebrae_L5.nii.gz); only with "
            + "--sacrum-mask.")
    Path l5Mask;

    @Option(names = "--overlay-pixel-mm", defaultValue = "1.0", paramLabel = "MM",
            description = "Pixel size of the overlay pictures in mm (default ${DEFAULT-VALUE}).")
    double overlayPixelMm;

    @Option(names = "--series", paramLabel = "UID",
            description = "For a DICOM folder: the series to read, by SeriesInstanceUID or series number (default: "
                    + "the largest axial CT series).")
    String series;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(overlayPixelMm > 0.05 && overlayPixelMm <= 10)) {
            throw new ExitCodes.UsageException("--overlay-pixel-mm must lie in (0.05, 10], was " + overlayPixelMm);
        }
        if (sacrumMask == null && (iliumLeftMask != null || iliumRightMask != null || l5Mask != null)) {
            throw new ExitCodes.UsageException("--ilium-left-mask, --ilium-right-mask and --l5-mask need --sacrum-mask");
        }
        CtVolume volume = readCt();
        SacrumModel model;
        if (sacrumMask == null) {
            model = SacrumSegmenter.segment(volume);
        } else {
            model = SacrumAnalyzer.fromMasks(volume, mask(volume, sacrumMask, "sacrum"),
                    mask(volume, iliumLeftMask, "left ilium"), mask(volume, iliumRightMask, "right ilium"),
                    mask(volume, l5Mask, "L5"));
        }
        Files.createDirectories(outDir);
        NiftiWriter.writeLabels(volume.grid(), model.labels().labelArray(), outDir.resolve("labels.nii.gz"));
        Map<String, Object> summary = SacrumReport.summary(model);
        String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary);
        AtomicFile.writeString(outDir.resolve("summary.json"), json + "\n");
        for (Map.Entry<ViewPlane, BufferedImage> e : SacrumReport.overlays(volume, model, overlayPixelMm).entrySet()) {
            GrayImages.writePng(e.getValue(), outDir.resolve("overlay_" + e.getKey().name().toLowerCase(Locale.ROOT)
                    + ".png"));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sacrum %.1f mL, canal %s, %d of 8 foramina; wrote %s%n",
                model.labels().volumeMl(Structure.SACRUM),
                model.detection(Structure.SACRAL_CANAL).isFound() ? "found" : "not found", model.foramina().size(),
                outDir);
        PrintWriter err = spec.commandLine().getErr();
        for (String w : model.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        out.println(SacrumReport.NOT_FOR_CLINICAL_USE);
        out.flush();
        return ExitCodes.OK;
    }

    private CtVolume readCt() throws CtInputException {
        String name = ct.getFileName() == null ? "" : ct.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(ct) && (name.endsWith(".nii") || name.endsWith(".nii.gz"))) {
            if (series != null) {
                throw new ExitCodes.UsageException("--series applies to DICOM input; a NIfTI file holds one volume");
            }
            return NiftiReader.readCt(ct);
        }
        return DicomSeriesReader.read(List.of(ct), DicomReadOptions.DEFAULTS.withSeries(series)).volume();
    }

    private static boolean[] mask(CtVolume volume, Path file, String name) throws CtInputException {
        if (file == null) {
            return null;
        }
        NiftiReader.Labels l = NiftiReader.readLabels(file);
        return MaskInput.onCtGrid(volume.grid(), l.grid(), l.labels(), name);
    }
}
