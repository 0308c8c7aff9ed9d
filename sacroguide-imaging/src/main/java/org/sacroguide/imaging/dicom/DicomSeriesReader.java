package org.sacroguide.imaging.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;

/**
 * Reads a CT from DICOM as a radiology department has it: a folder (searched recursively), a list of
 * files, or a DICOMDIR (its referenced files are read). {@link #scan} reads only the headers, in parallel,
 * and groups the images into series; {@link DicomScan#read} chooses a series (by default the largest axial
 * CT series), checks its geometry ({@link SeriesGeometry}) and reads its pixels in parallel straight into
 * the volume. Files that are not DICOM, damaged headers and DICOM files without an image are skipped with
 * a warning. Every problem with the chosen series is a typed {@link CtInputException} with a one-line
 * message. Nothing here writes a file or logs a patient attribute.
 *
 * <pre>{@code
 * DicomImport ct = DicomSeriesReader.read(List.of(folder), DicomReadOptions.DEFAULTS);
 * CtVolume volume = ct.volume();
 * }</pre>
 */
public final class DicomSeriesReader {

    private DicomSeriesReader() {
    }

    /** Scans, chooses and reads in one call. */
    public static DicomImport read(List<Path> inputs, DicomReadOptions options) throws CtInputException {
        return scan(inputs).read(options);
    }

    /** Reads the headers of every file under the inputs and groups the images into series. */
    public static DicomScan scan(List<Path> inputs) throws CtInputException {
        if (inputs.isEmpty()) {
            throw new CtInputException("no input given: name a DICOM folder, DICOM files or a DICOMDIR");
        }
        List<String> warnings = new ArrayList<>();
        List<Path> files = collect(inputs, warnings);
        SliceHeader[] headers = new SliceHeader[files.size()];
        CtInputException[] problems = new CtInputException[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                headers[i] = SliceHeader.read(files.get(i));
            } catch (CtInputException e) {
                problems[i] = e;
            } catch (RuntimeException e) {
                problems[i] = new CorruptFileException(files.get(i).getFileName() + " cannot be read ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        });
        List<SliceHeader> images = new ArrayList<>();
        List<String> notDicom = new ArrayList<>();
        List<CtInputException> damaged = new ArrayList<>();
        List<String> noImage = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (problems[i] instanceof DicomParser.NotDicomException) {
                notDicom.add(String.valueOf(files.get(i).getFileName()));
            } else if (problems[i] != null) {
                damaged.add(problems[i]);
            } else if (!headers[i].hasPixelData()) {
                if (!headers[i].isDicomDir()) {
                    noImage.add(headers[i].fileName());
                }
            } else {
                images.add(headers[i]);
            }
        }
        if (images.isEmpty()) {
            if (inputs.size() == 1 && Files.isRegularFile(inputs.get(0)) && files.size() == 1 && problems[0] != null) {
                throw problems[0];
            }
            if (!damaged.isEmpty()) {
                throw damaged.get(0);
            }
            throw new CtInputException("no DICOM images found in " + describeInputs(inputs) + " (" + files.size()
                    + " file" + (files.size() == 1 ? "" : "s") + " examined: " + notDicom.size() + " not DICOM, "
                    + noImage.size() + " DICOM without an image)");
        }
        if (!notDicom.isEmpty()) {
            warnings.add("skipped " + count(notDicom.size(), "file") + " that " + (notDicom.size() == 1 ? "is" : "are")
                    + " not DICOM: " + names(notDicom));
        }
        for (CtInputException e : damaged.subList(0, Math.min(3, damaged.size()))) {
            warnings.add("skipped a damaged file: " + e.getMessage());
        }
        if (damaged.size() > 3) {
            warnings.add("skipped " + (damaged.size() - 3) + " more damaged files");
        }
        if (!noImage.isEmpty()) {
            warnings.add("skipped " + count(noImage.size(), "DICOM file") + " without an image (reports, "
                    + "presentation states, ...): " + names(noImage));
        }
        return new DicomScan(SeriesGrouping.group(images), files.size(), warnings);
    }

    /** Expands folders (recursively) and DICOMDIRs into files, in a stable order, without duplicates. */
    static List<Path> collect(List<Path> inputs, List<String> warnings) throws CtInputException {
        Set<Path> out = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).sorted().forEach(out::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new CtInputException("the folder " + input + " cannot be read: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(input)) {
                if (DicomDir.isDicomDir(input)) {
                    for (Path p : DicomDir.referencedFiles(input, warnings)) {
                        out.add(p.toAbsolutePath().normalize());
                    }
                } else {
                    out.add(input.toAbsolutePath().normalize());
                }
            } else {
                throw new CtInputException(input + " does not exist");
            }
        }
        if (out.isEmpty()) {
            throw new CtInputException("no files found in " + describeInputs(inputs));
        }
        return new ArrayList<>(out);
    }

    private static String describeInputs(List<Path> inputs) {
        return inputs.size() == 1 ? String.valueOf(inputs.get(0)) : inputs.size() + " inputs";
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String names(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(3, names.size())));
        return names.size() > 3 ? shown + " and " + (names.size() - 3) + " more" : shown;
    }
}
