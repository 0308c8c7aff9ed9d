package org.sacroguide.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;
import org.sacroguide.imaging.dicom.DicomImport;
import org.sacroguide.imaging.dicom.DicomReadOptions;
import org.sacroguide.imaging.dicom.DicomScan;
import org.sacroguide.imaging.dicom.DicomSeriesReader;
import org.sacroguide.imaging.dicom.SeriesSummary;
import org.sacroguide.imaging.dicom.TransferSyntax;
import org.sacroguide.imaging.nifti.NiftiReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sacroguide inspect PATH}: the series found in a DICOM folder, files or DICOMDIR (or the volume of
 * a NIfTI file) and, for the chosen series, dimensions, spacing, orientation, HU range, transfer syntax and
 * warnings; {@code --json} prints the same as one JSON object. Wiring only: reading is
 * {@link DicomSeriesReader} and {@link NiftiReader}.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the series in a DICOM folder, DICOM files or a DICOMDIR (or describe a NIfTI file) and "
                + "describe the chosen CT: dimensions, spacing, orientation, HU range, transfer syntax, warnings.",
            "Research and training software: NOT FOR CLINICAL USE."})
final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A DICOM folder (searched recursively), DICOM files, a DICOMDIR, or one NIfTI file (.nii, .nii.gz).")
    List<Path> paths;

    @Option(names = "--json", description = "Print one JSON object (for scripts) instead of the report.")
    boolean json;

    @CommandLine.Mixin
    SeriesChoice choice = new SeriesChoice();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedCt ct = LoadedCt.load(paths, choice);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(ct.toJson()));
        } else {
            ct.printReport(out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The options that choose and admit a series, shared by inspect and convert. */
    static final class SeriesChoice {
        @Option(names = "--series", paramLabel = "UID",
                description = "The series to read: its SeriesInstanceUID or its series number (default: the largest "
                        + "axial CT series).")
        String series;

        @Option(names = "--allow-modality",
                description = "Read a series that is not CT (MR, PET, ...) instead of refusing it; its values are then not HU.")
        boolean allowModality;
    }

    /** A CT read from DICOM or NIfTI, with what inspect reports about it. */
    record LoadedCt(CtVolume volume, String source, SeriesSummary chosen, List<SeriesSummary> series,
                    String transferSyntaxUid, List<String> warnings, int filesExamined) {

        /** Series of at least this many files show a progress bar even when stderr is not a terminal. */
        static final int LARGE_SERIES_FILES = 200;

        static boolean isNifti(Path p) {
            String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
            return Files.isRegularFile(p) && (n.endsWith(".nii") || n.endsWith(".nii.gz"));
        }

        static LoadedCt load(List<Path> paths, SeriesChoice choice) throws CtInputException {
            boolean anyNifti = paths.stream().anyMatch(LoadedCt::isNifti);
            if (anyNifti) {
                if (paths.size() > 1) {
                    throw new ExitCodes.UsageException("give either one NIfTI file or DICOM folders and files, not both");
                }
                if (choice.series != null) {
                    throw new ExitCodes.UsageException("--series applies to DICOM input; a NIfTI file holds one volume");
                }
                CtVolume v = NiftiReader.readCt(paths.get(0));
                SeriesSummary s = new SeriesSummary("", null, "", String.valueOf(paths.get(0).getFileName()), 1,
                        v.columns(), v.rows(), org.sacroguide.imaging.dicom.SeriesOrientation.UNKNOWN, false, null);
                return new LoadedCt(v, "nifti", null, List.of(s), null, List.of(), 1);
            }
            DicomScan scan = DicomSeriesReader.scan(paths);
            DicomReadOptions options = DicomReadOptions.DEFAULTS.withSeries(choice.series)
                    .withAllowAnyModality(choice.allowModality);
            SeriesSummary target = scan.choose(options);
            ProgressBar bar = null;
            if (stderrIsTerminal() || target.files() >= LARGE_SERIES_FILES) {
                bar = new ProgressBarBuilder().setTaskName("Reading CT").setInitialMax(target.files())
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setUnit(" slices", 1)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err, 100)).build();
                ProgressBar b = bar;
                options = options.withProgress((done, total) -> b.step());
            }
            DicomImport ct;
            try {
                ct = scan.read(options);
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            return new LoadedCt(ct.volume(), "dicom", ct.chosen(), ct.series(), ct.transferSyntaxUid(), ct.warnings(),
                    scan.filesExamined());
        }

        /** True when standard error is a terminal (Linux: fd 2 is a tty), else when a console is attached. */
        static boolean stderrIsTerminal() {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (Exception e) {
                return System.console() != null;
            }
        }

        String dimensionsLine() {
            double[] sp = volume.spacingMm();
            String size = volume.columns() + " x " + volume.rows() + " x " + volume.slices() + " voxels of ";
            if (Math.abs(sp[0] - sp[1]) < 1e-3 && Math.abs(sp[0] - sp[2]) < 1e-3) {
                return size + mm(sp[0]) + " mm";
            }
            return size + mm(sp[0]) + " x " + mm(sp[1]) + " x " + mm(sp[2]) + " mm";
        }

        void printReport(PrintWriter out) {
            out.println("SacroGuide inspect - NOT FOR CLINICAL USE");
            if (source.equals("nifti")) {
                out.println("Input: NIfTI file " + series.get(0).description() + " (one volume)");
            } else {
                out.println("Input: DICOM, " + filesExamined + " file" + (filesExamined == 1 ? "" : "s") + " examined, "
                        + series.size() + " series found");
                out.println("Series (* = chosen):");
                for (SeriesSummary s : series) {
                    out.println((s == chosen ? "  * " : "    ") + describe(s));
                }
                out.println("Chosen: " + chosen.label());
            }
            double[] sp = volume.spacingMm();
            int[] hu = volume.huRange();
            Affine a = volume.voxelToPatient();
            out.println("  Dimensions:      " + dimensionsLine() + " (columns x rows x slices)");
            out.println("  Spacing:         " + mm(sp[0]) + " x " + mm(sp[1]) + " x " + mm(sp[2]) + " mm (column x row x slice)");
            out.println("  Orientation:     " + orientationCode(a) + " (" + orientationWords(a) + ")");
            out.println("  First voxel:     " + a.apply(0, 0, 0));
            out.println("  Last voxel:      " + a.apply(volume.columns() - 1, volume.rows() - 1, volume.slices() - 1));
            out.println("  HU range:        " + hu[0] + " .. " + hu[1]);
            out.println("  Transfer syntax: " + (transferSyntaxUid == null ? "none (NIfTI)" : TransferSyntax.describe(transferSyntaxUid)));
            if (warnings.isEmpty()) {
                out.println("Warnings: none");
            } else {
                out.println("Warnings:");
                for (String w : warnings) {
                    out.println("  - " + w);
                }
            }
        }

        private static String describe(SeriesSummary s) {
            StringBuilder b = new StringBuilder();
            b.append(s.seriesInstanceUid().isEmpty() ? "(no SeriesInstanceUID)" : s.seriesInstanceUid());
            if (s.seriesNumber() != null) {
                b.append("  number ").append(s.seriesNumber());
            }
            b.append("  ").append(s.modality().isEmpty() ? "?" : s.modality());
            if (!s.description().isEmpty()) {
                b.append("  '").append(s.description()).append('\'');
            }
            b.append("  ").append(s.localizer() ? "localizer" : s.orientation().name().toLowerCase(Locale.ROOT));
            b.append("  ").append(s.columns()).append(" x ").append(s.rows()).append(", ").append(s.files())
                    .append(s.files() == 1 ? " file" : " files");
            if (s.transferSyntaxUid() != null) {
                b.append(", ").append(TransferSyntax.ofUid(s.transferSyntaxUid()) == TransferSyntax.OTHER
                        ? s.transferSyntaxUid() : TransferSyntax.ofUid(s.transferSyntaxUid()).title());
            }
            return b.toString();
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            double[] sp = volume.spacingMm();
            int[] hu = volume.huRange();
            Affine a = volume.voxelToPatient();
            m.put("source", source);
            m.put("dimensions", List.of(volume.columns(), volume.rows(), volume.slices()));
            m.put("spacingMm", List.of(sp[0], sp[1], sp[2]));
            m.put("orientation", orientationCode(a));
            List<List<Double>> rows = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                rows.add(List.of(a.get(r, 0), a.get(r, 1), a.get(r, 2), a.get(r, 3)));
            }
            m.put("voxelToPatientLps", rows);
            m.put("firstVoxelCentreMm", point(a.apply(0, 0, 0)));
            m.put("lastVoxelCentreMm", point(a.apply(volume.columns() - 1, volume.rows() - 1, volume.slices() - 1)));
            m.put("huMin", hu[0]);
            m.put("huMax", hu[1]);
            m.put("transferSyntaxUid", transferSyntaxUid);
            m.put("transferSyntax", transferSyntaxUid == null ? null : TransferSyntax.describe(transferSyntaxUid));
            List<Map<String, Object>> list = new ArrayList<>();
            for (SeriesSummary s : series) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("seriesInstanceUid", s.seriesInstanceUid().isEmpty() ? null : s.seriesInstanceUid());
                e.put("seriesNumber", s.seriesNumber());
                e.put("modality", s.modality().isEmpty() ? null : s.modality());
                e.put("description", s.description());
                e.put("files", s.files());
                e.put("columns", s.columns());
                e.put("rows", s.rows());
                e.put("orientation", source.equals("nifti") ? null : s.orientation().name().toLowerCase(Locale.ROOT));
                e.put("localizer", s.localizer());
                e.put("transferSyntaxUid", s.transferSyntaxUid());
                e.put("chosen", source.equals("nifti") || s == chosen);
                list.add(e);
            }
            m.put("series", list);
            m.put("warnings", warnings);
            m.put("notForClinicalUse", true);
            return m;
        }

        private static List<Double> point(PatientPoint p) {
            return List.of(p.x(), p.y(), p.z());
        }

        /**
         * The patient directions the voxel axes i, j, k point to, as letters (nibabel's convention: "RAS"
         * means i runs to the patient's right, j to anterior, k to superior).
         */
        static String orientationCode(Affine a) {
            StringBuilder b = new StringBuilder();
            for (int axis = 0; axis < 3; axis++) {
                b.append(direction(a.axis(axis))[0]);
            }
            return b.toString();
        }

        static String orientationWords(Affine a) {
            String[] names = {"i", "j", "k"};
            StringBuilder b = new StringBuilder();
            for (int axis = 0; axis < 3; axis++) {
                String[] d = direction(a.axis(axis));
                b.append(axis == 0 ? "" : ", ").append(names[axis]).append(" -> ").append(d[1]);
            }
            return b.toString();
        }

        private static String[] direction(PatientPoint v) {
            PatientPoint u = v.unit();
            double[] c = {u.x(), u.y(), u.z()};
            int best = 0;
            for (int i = 1; i < 3; i++) {
                if (Math.abs(c[i]) > Math.abs(c[best])) {
                    best = i;
                }
            }
            String[][] names = {{"R", "right"}, {"L", "left"}, {"A", "anterior"}, {"P", "posterior"},
                {"I", "inferior"}, {"S", "superior"}};
            String[] n = names[2 * best + (c[best] > 0 ? 1 : 0)];
            return Math.abs(c[best]) < 0.99 ? new String[] {n[0], "mostly " + n[1]} : n;
        }

        static String mm(double v) {
            String s = String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
            return s.endsWith(".") ? s + "0" : s;
        }
    }
}
