package org.sacroguide.app;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sacroguide.app.report.HtmlReport;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;
import org.sacroguide.imaging.render.GrayImages;
import org.sacroguide.imaging.render.SliceView;
import org.sacroguide.imaging.render.ViewPlane;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sacroguide demo}: the whole pipeline on the bundled real CT, writing {@code out/demo/report.html}.
 * Wiring only: every step is a library call of its stage.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline on the bundled real CT and write an HTML report (not for clinical use).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, defaultValue = "out/demo", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Override
    public Integer call() throws Exception {
        Path ctPath = BundledData.demoFile("ct.nii.gz");
        System.out.println("SacroGuide demo - NOT FOR CLINICAL USE");
        System.out.println("Loading the bundled CT " + ctPath.getFileName() + " ...");
        CtVolume ct = NiftiReader.readCt(ctPath);
        double[] sp = ct.spacingMm();
        int[] hu = ct.huRange();
        String summary = String.format(Locale.ROOT, "%d x %d x %d voxels, spacing %.2f x %.2f x %.2f mm, HU %d..%d",
                ct.columns(), ct.rows(), ct.slices(), sp[0], sp[1], sp[2], hu[0], hu[1]);
        System.out.println("  CT: " + summary);

        HtmlReport report = new HtmlReport(outputDir, "SacroGuide demo: bundled pelvic CT");
        report.section("1. The CT").paragraph(summary)
                .paragraph("Source: TotalSegmentator example CT (CC BY 4.0, Wasserthal et al. 2023), bundled in data/demo.");
        PatientPoint centre = sacrumCentre(ct);
        List<HtmlReport.Figure> figs = new ArrayList<>();
        for (ViewPlane plane : ViewPlane.values()) {
            SliceView view = SliceView.through(ct.grid(), plane, centre, 1.0);
            BufferedImage img = GrayImages.render(ct, view, GrayImages.BONE_CENTRE_HU, GrayImages.BONE_WIDTH_HU);
            figs.add(new HtmlReport.Figure(img, "ct_" + plane.name().toLowerCase(Locale.ROOT) + ".png",
                    plane.name().charAt(0) + plane.name().substring(1).toLowerCase(Locale.ROOT) + " slice through the sacrum "
                            + centre + ", bone window 400/1800 HU"));
        }
        report.figures(figs);
        Path written = report.write();
        System.out.println("Report: " + written);
        return ExitCodes.OK;
    }

    /** The sacrum centre from the bundled TotalSegmentator mask (replaced by the anatomy model later). */
    private static PatientPoint sacrumCentre(CtVolume ct) throws Exception {
        NiftiReader.Labels mask = NiftiReader.readLabels(BundledData.demoFile("sacrum.nii.gz"));
        double si = 0;
        double sj = 0;
        double sk = 0;
        long n = 0;
        var g = mask.grid();
        for (int k = 0; k < g.slices(); k++) {
            for (int j = 0; j < g.rows(); j++) {
                for (int i = 0; i < g.columns(); i++) {
                    if (mask.labels()[g.index(i, j, k)] != 0) {
                        si += i;
                        sj += j;
                        sk += k;
                        n++;
                    }
                }
            }
        }
        return n == 0 ? ct.grid().centre() : g.voxelCentre(si / n, sj / n, sk / n);
    }
}
