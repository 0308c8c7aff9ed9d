package org.sacroguide.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.nifti.NiftiWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sacroguide convert PATH -o FILE.nii.gz}: writes the chosen series of a DICOM input (or a NIfTI
 * file) as NIfTI in HU with its voxel-to-patient affine. The file appears only when complete; on any
 * error nothing is written. Wiring only.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the chosen CT series of a DICOM folder, DICOM files or a DICOMDIR as NIfTI "
                + "(HU, correct affine).", "Research and training software: NOT FOR CLINICAL USE."})
final class ConvertCommand implements Callable<Integer> {

    /** Voxel type of the NIfTI file. */
    enum VoxelType { int16, float32 }

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A DICOM folder (searched recursively), DICOM files, a DICOMDIR, or one NIfTI file.")
    List<Path> paths;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.nii.gz",
            description = "The NIfTI file to write (.nii or .nii.gz); replaced if it exists.")
    Path output;

    @Option(names = "--datatype", paramLabel = "TYPE", defaultValue = "int16",
            description = "Voxel type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    VoxelType type;

    @CommandLine.Mixin
    InspectCommand.SeriesChoice choice = new InspectCommand.SeriesChoice();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".nii") && !name.endsWith(".nii.gz")) {
            throw new ExitCodes.UsageException("-o must name a .nii or .nii.gz file, was " + output);
        }
        InspectCommand.LoadedCt ct = InspectCommand.LoadedCt.load(paths, choice);
        CtVolume v = ct.volume();
        if (type == VoxelType.float32) {
            short[] hu = v.huArray();
            float[] f = new float[hu.length];
            for (int i = 0; i < hu.length; i++) {
                f[i] = hu[i];
            }
            NiftiWriter.writeFloats(v.grid(), f, output);
        } else {
            NiftiWriter.writeCt(v, output);
        }
        PrintWriter out = spec.commandLine().getOut();
        int[] hu = v.huRange();
        out.println("Wrote " + output + ": " + ct.dimensionsLine() + ", HU " + hu[0] + " .. " + hu[1] + ", " + type
                + (ct.chosen() == null ? "" : ", from " + ct.chosen().label() + " (" + ct.chosen().files() + " files)")
                + " - NOT FOR CLINICAL USE");
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (String w : ct.warnings()) {
            err.println("sacroguide convert: warning: " + w);
        }
        err.flush();
        return ExitCodes.OK;
    }
}
