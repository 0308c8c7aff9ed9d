package org.sacroguide.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sacroguide.fluoro.drr.AttenuationModel;
import org.sacroguide.fluoro.drr.DrrGeometry;
import org.sacroguide.fluoro.drr.DrrRenderer;
import org.sacroguide.fluoro.drr.FluoroImages;
import org.sacroguide.fluoro.drr.Isocenters;
import org.sacroguide.fluoro.drr.MaskCentroid;
import org.sacroguide.fluoro.drr.MuVolume;
import org.sacroguide.fluoro.drr.Radiograph;
import org.sacroguide.fluoro.drr.View;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.nifti.NiftiReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sacroguide drr}: simulated radiographs (digitally reconstructed radiographs) of a CT, one view, a
 * list of views or a rotational sweep, as PNG for people or PFM (32-bit, top row first, 0.1 x the line
 * integral, as plastimatch writes) for comparison. Wiring only: geometry and rendering live in
 * sacroguide-fluoro.
 */
@Command(name = "drr", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulated radiographs (DRR) of a CT on a C-arm: --view, --views or --angles.",
                "Research and training software: NOT FOR CLINICAL USE."})
final class DrrCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CT", description = "CT volume (.nii or .nii.gz, Hounsfield units).")
    Path ctPath;

    @Option(names = "--view", paramLabel = "VIEW", description = "ap, lateral, pa or right-lateral (default: ap).")
    String view;

    @Option(names = "--views", paramLabel = "V1,V2", split = ",",
            description = "Several views in one run; -o is then a prefix (PREFIX_ap.png ...).")
    List<String> views;

    @Option(names = "--angles", paramLabel = "START:STEP:COUNT",
            description = "Rotational sweep of gantry angles in degrees, plastimatch's convention (0 = source on the "
                    + "patient's left, 90 = source in front), like plastimatch's -a COUNT -N STEP; -o is a prefix "
                    + "(PREFIX_0000.pfm ...).")
    String angles;

    @Option(names = "--lao", paramLabel = "DEG", defaultValue = "0",
            description = "Rotate the gantry by DEG degrees from the view (adds to the gantry angle; for AP the image "
                    + "receptor moves towards the patient's left).")
    double laoDeg;

    @Option(names = "--rao", paramLabel = "DEG", defaultValue = "0", description = "The opposite rotation of --lao.")
    double raoDeg;

    @Option(names = "--cranial", paramLabel = "DEG", defaultValue = "0",
            description = "Tilt the image receptor towards the patient's head by DEG degrees.")
    double cranialDeg;

    @Option(names = "--caudal", paramLabel = "DEG", defaultValue = "0",
            description = "Tilt the image receptor towards the patient's feet by DEG degrees.")
    double caudalDeg;

    @Option(names = "--sad", paramLabel = "MM", defaultValue = "1000",
            description = "Source-to-isocentre distance, mm (default: ${DEFAULT-VALUE}).")
    double sadMm;

    @Option(names = "--sid", paramLabel = "MM", defaultValue = "1500",
            description = "Source-to-detector distance, mm (default: ${DEFAULT-VALUE}).")
    double sidMm;

    @Option(names = "--detector-mm", paramLabel = "MM[,MM]", defaultValue = "430",
            description = "Detector width[,height], mm (default: ${DEFAULT-VALUE}).")
    String detectorMm;

    @Option(names = "--pixels", paramLabel = "N[,N]", defaultValue = "512",
            description = "Detector columns[,rows] (default: ${DEFAULT-VALUE}).")
    String pixels;

    @Option(names = "--isocenter", paramLabel = "X,Y,Z",
            description = "Isocentre in LPS mm (default: the centre of --isocenter-of, else the CT's centre).")
    String isocenter;

    @Option(names = "--isocenter-of", paramLabel = "MASK",
            description = "Use the centroid of this mask (NIfTI on any grid) as the isocentre, e.g. a sacrum mask.")
    Path isocenterMask;

    @Option(names = "--attenuation", paramLabel = "MODEL", defaultValue = "tissue",
            description = "tissue (bilinear, about 60 keV; default) or plastimatch (mu = 0.022 (1 + HU/1000) per mm "
                    + "above -800 HU).")
    String attenuation;

    @Option(names = "--ray-caster", paramLabel = "METHOD", defaultValue = "slice-stack",
            description = "slice-stack (fast, default) or exact (voxel by voxel, the accuracy reference).")
    String rayCaster;

    @Option(names = "--resample", paramLabel = "X,Y,Z",
            description = "Resample the CT to this spacing in mm before rendering (trilinear).")
    String resample;

    @Option(names = "--display", paramLabel = "POLARITY", defaultValue = "fluoroscopy",
            description = "PNG polarity: fluoroscopy (dense = dark, default) or radiograph (dense = bright).")
    String display;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE|PREFIX",
            description = "Output .png or .pfm; with --views/--angles a prefix, and --format picks the type.")
    String output;

    @Option(names = "--format", paramLabel = "png|pfm", description = "File type for --views/--angles (default: png).")
    String format;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        CtVolume ct = NiftiReader.readCt(ctPath);
        if (resample != null) {
            double[] sp = numbers(resample, 3, "--resample");
            ct = ct.resample(sp[0], sp[1], sp[2]);
        }
        PatientPoint iso;
        if (isocenter != null) {
            double[] v = numbers(isocenter, 3, "--isocenter");
            iso = new PatientPoint(v[0], v[1], v[2]);
        } else if (isocenterMask != null) {
            iso = MaskCentroid.of(isocenterMask);
        } else {
            iso = ct.grid().centre();
        }
        Isocenters.requireInside(ct.grid(), iso);
        double[] det = numbers(detectorMm, -2, "--detector-mm");
        double[] px = numbers(pixels, -2, "--pixels");
        AttenuationModel model = switch (attenuation.toLowerCase(Locale.ROOT)) {
            case "tissue", "tissue-60kev" -> AttenuationModel.TISSUE_60KEV;
            case "plastimatch" -> AttenuationModel.PLASTIMATCH;
            default -> throw new ExitCodes.UsageException("--attenuation must be tissue or plastimatch, was " + attenuation);
        };
        DrrRenderer.RayCaster caster = switch (rayCaster.toLowerCase(Locale.ROOT)) {
            case "slice-stack" -> DrrRenderer.RayCaster.SLICE_STACK;
            case "exact" -> DrrRenderer.RayCaster.EXACT;
            default -> throw new ExitCodes.UsageException("--ray-caster must be slice-stack or exact, was " + rayCaster);
        };
        FluoroImages.Display polarity = switch (display.toLowerCase(Locale.ROOT)) {
            case "fluoroscopy" -> FluoroImages.Display.FLUOROSCOPY;
            case "radiograph" -> FluoroImages.Display.RADIOGRAPH;
            default -> throw new ExitCodes.UsageException("--display must be fluoroscopy or radiograph, was " + display);
        };
        int modes = (view != null ? 1 : 0) + (views != null ? 1 : 0) + (angles != null ? 1 : 0);
        if (modes > 1) {
            throw new ExitCodes.UsageException("choose one of --view, --views and --angles");
        }
        List<String> names = new ArrayList<>();
        List<Double> gantry = new ArrayList<>();
        double rot = laoDeg - raoDeg;
        if (angles != null) {
            String[] p = angles.split(":");
            if (p.length != 3) {
                throw new ExitCodes.UsageException("--angles must be START:STEP:COUNT, was " + angles);
            }
            double start = parse(p[0], "--angles");
            double step = parse(p[1], "--angles");
            int count = (int) parse(p[2], "--angles");
            if (count < 1 || count > 3600) {
                throw new ExitCodes.UsageException("--angles COUNT must lie in 1..3600, was " + p[2]);
            }
            for (int n = 0; n < count; n++) {
                names.add(String.format(Locale.ROOT, "%04d", n));
                gantry.add(start + n * step + rot);
            }
        } else {
            List<String> list = views != null ? views : List.of(view == null ? "ap" : view);
            for (String v : list) {
                View parsed;
                try {
                    parsed = View.parse(v);
                } catch (IllegalArgumentException e) {
                    throw new ExitCodes.UsageException(e.getMessage());
                }
                names.add(parsed.cliName());
                gantry.add(parsed.gantryAngleDeg() + rot);
            }
        }
        boolean single = angles == null && views == null;
        String type = single ? extension(output) : (format == null ? "png" : format.toLowerCase(Locale.ROOT));
        if (!type.equals("png") && !type.equals("pfm")) {
            throw new ExitCodes.UsageException("output must be .png or .pfm, was " + (single ? output : format));
        }
        long tLoad = System.nanoTime();
        MuVolume mu = MuVolume.of(ct, model);
        System.out.println("sacroguide drr - SIMULATED RADIOGRAPHS, NOT FOR CLINICAL USE");
        System.out.printf(Locale.ROOT, "isocentre (LPS mm): %.4f %.4f %.4f%n", iso.x(), iso.y(), iso.z());
        long renderNs = 0;
        for (int n = 0; n < names.size(); n++) {
            DrrGeometry g;
            try {
                g = DrrGeometry.of(gantry.get(n), cranialDeg - caudalDeg, sadMm, sidMm, det[0],
                        det.length > 1 ? det[1] : det[0], (int) px[0], (int) (px.length > 1 ? px[1] : px[0]), iso);
            } catch (org.sacroguide.fluoro.FluoroInputException e) {
                throw new ExitCodes.UsageException(e.getMessage());
            }
            long r0 = System.nanoTime();
            Radiograph r = DrrRenderer.render(mu, g, caster);
            renderNs += System.nanoTime() - r0;
            Path target = Path.of(single ? output : output + "_" + names.get(n) + "." + type);
            if (type.equals("pfm")) {
                r.scaled(0.1).writePfm(target);
            } else {
                FluoroImages.writePng(r, polarity, String.format(Locale.ROOT, "%s  gantry %.0f deg  tilt %.0f deg",
                        names.get(n), gantry.get(n), cranialDeg - caudalDeg), target);
            }
        }
        System.out.printf(Locale.ROOT, "%d view(s) written; load %.0f ms, render %.1f ms (%.1f ms a view), total %.0f ms%n",
                names.size(), (tLoad - t0) / 1e6, renderNs / 1e6, renderNs / 1e6 / names.size(),
                (System.nanoTime() - t0) / 1e6);
        return ExitCodes.OK;
    }

    private static String extension(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".pfm") ? "pfm" : f.endsWith(".png") ? "png" : "?";
    }

    /** Comma-separated numbers: exactly {@code n} when n > 0, 1..-n when n < 0. */
    static double[] numbers(String text, int n, String option) {
        String[] p = text.split(",");
        if ((n > 0 && p.length != n) || (n < 0 && (p.length < 1 || p.length > -n))) {
            throw new ExitCodes.UsageException(option + " needs " + (n > 0 ? n : "1 to " + (-n))
                    + " comma-separated numbers, was '" + text + "'");
        }
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = parse(p[i], option);
        }
        return v;
    }

    private static double parse(String s, String option) {
        try {
            double v = Double.parseDouble(s.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ExitCodes.UsageException(option + ": '" + s + "' is not a number");
        }
    }

}
