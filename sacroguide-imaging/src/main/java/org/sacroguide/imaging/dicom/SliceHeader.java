package org.sacroguide.imaging.dicom;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.sacroguide.imaging.CtInputException;

/**
 * What SacroGuide needs from one DICOM image file, read from its header only (the walk stops at Pixel
 * Data): identity (series, study, frame of reference), image size and pixel encoding, geometry (position,
 * orientation, pixel spacing), rescale to HU, and where the pixel data starts. Patient attributes are
 * never read. Missing numbers are NaN (decimals) or null (integers); missing text is "".
 */
record SliceHeader(
        Path file,
        String transferSyntaxUid,
        TransferSyntax syntax,
        String sopClassUid,
        String sopInstanceUid,
        String studyInstanceUid,
        String seriesInstanceUid,
        String frameOfReferenceUid,
        String modality,
        String seriesDescription,
        String imageType,
        String convolutionKernel,
        String seriesDate,
        String seriesTime,
        Integer seriesNumber,
        Integer instanceNumber,
        int rows,
        int columns,
        int samplesPerPixel,
        String photometricInterpretation,
        int numberOfFrames,
        int bitsAllocated,
        int bitsStored,
        int highBit,
        int pixelRepresentation,
        double[] pixelSpacing,
        double[] imageOrientation,
        double[] imagePosition,
        double sliceThickness,
        double spacingBetweenSlices,
        double gantryTilt,
        double rescaleSlope,
        double rescaleIntercept,
        String patientPosition,
        DicomParser.PixelDataRef pixelData,
        long fileBytes) {

    /** The SOP Class UID of a DICOMDIR (Media Storage Directory Storage). */
    static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

    private static final Set<Tag> WANTED = EnumSet.of(Tag.SPECIFIC_CHARACTER_SET, Tag.IMAGE_TYPE, Tag.SOP_CLASS_UID,
            Tag.SOP_INSTANCE_UID, Tag.SERIES_DATE, Tag.SERIES_TIME, Tag.MODALITY, Tag.SERIES_DESCRIPTION,
            Tag.SLICE_THICKNESS, Tag.SPACING_BETWEEN_SLICES, Tag.GANTRY_DETECTOR_TILT, Tag.CONVOLUTION_KERNEL,
            Tag.PATIENT_POSITION, Tag.STUDY_INSTANCE_UID, Tag.SERIES_INSTANCE_UID, Tag.SERIES_NUMBER,
            Tag.INSTANCE_NUMBER, Tag.IMAGE_POSITION_PATIENT, Tag.IMAGE_ORIENTATION_PATIENT, Tag.FRAME_OF_REFERENCE_UID,
            Tag.SAMPLES_PER_PIXEL, Tag.PHOTOMETRIC_INTERPRETATION, Tag.NUMBER_OF_FRAMES, Tag.ROWS, Tag.COLUMNS,
            Tag.PIXEL_SPACING, Tag.BITS_ALLOCATED, Tag.BITS_STORED, Tag.HIGH_BIT, Tag.PIXEL_REPRESENTATION,
            Tag.RESCALE_INTERCEPT, Tag.RESCALE_SLOPE);

    /** The file name, for messages (never a patient attribute). */
    String fileName() {
        return String.valueOf(file.getFileName());
    }

    boolean hasPixelData() {
        return pixelData != null;
    }

    boolean isDicomDir() {
        return MEDIA_STORAGE_DIRECTORY.equals(sopClassUid);
    }

    /** ImageType contains LOCALIZER (a scout or topogram). */
    boolean isLocalizer() {
        return imageType.toUpperCase(Locale.ROOT).contains("LOCALIZER");
    }

    /** Stored bytes of one frame's native pixel data. */
    long frameBytes() {
        return (long) rows * columns * Math.max(1, samplesPerPixel) * ((bitsAllocated + 7) / 8);
    }

    /** Reads the header of one file, stopping at Pixel Data. */
    static SliceHeader read(Path file) throws CtInputException {
        DicomParser p = DicomParser.open(file);
        try {
            EnumMap<Tag, Object> v = new EnumMap<>(Tag.class);
            boolean[] utf8 = {false};
            DicomParser.PixelDataRef pixels = p.walk(new DicomParser.Handler() {
                @Override
                public boolean wants(int depth, int tag) {
                    Tag t = Tag.of(tag);
                    return depth == 0 && t != null && WANTED.contains(t);
                }

                @Override
                public void value(int depth, int tag, String vr, byte[] value, boolean bigEndian) {
                    Tag t = Tag.of(tag);
                    if ("US".equals(t.vr)) {
                        v.put(t, DicomValues.unsignedShort(value, bigEndian));
                    } else {
                        String s = DicomValues.string(value, utf8[0]);
                        if (t == Tag.SPECIFIC_CHARACTER_SET) {
                            utf8[0] = s.contains("ISO_IR 192");
                        }
                        v.put(t, s);
                    }
                }
            }, true);
            String sopClass = str(v, Tag.SOP_CLASS_UID);
            if (sopClass.isEmpty() && p.mediaStorageSopClassUid() != null) {
                sopClass = p.mediaStorageSopClassUid();
            }
            int bitsAllocated = num(v, Tag.BITS_ALLOCATED, 0);
            int bitsStored = num(v, Tag.BITS_STORED, bitsAllocated);
            Integer frames = DicomValues.integer(str(v, Tag.NUMBER_OF_FRAMES));
            double slope = DicomValues.decimal(str(v, Tag.RESCALE_SLOPE));
            double intercept = DicomValues.decimal(str(v, Tag.RESCALE_INTERCEPT));
            long size;
            try {
                size = java.nio.file.Files.size(file);
            } catch (java.io.IOException e) {
                size = -1;
            }
            return new SliceHeader(file, p.transferSyntaxUid(), p.syntax(), sopClass,
                    str(v, Tag.SOP_INSTANCE_UID), str(v, Tag.STUDY_INSTANCE_UID), str(v, Tag.SERIES_INSTANCE_UID),
                    str(v, Tag.FRAME_OF_REFERENCE_UID), str(v, Tag.MODALITY).toUpperCase(Locale.ROOT),
                    str(v, Tag.SERIES_DESCRIPTION), str(v, Tag.IMAGE_TYPE), str(v, Tag.CONVOLUTION_KERNEL),
                    str(v, Tag.SERIES_DATE), str(v, Tag.SERIES_TIME),
                    DicomValues.integer(str(v, Tag.SERIES_NUMBER)), DicomValues.integer(str(v, Tag.INSTANCE_NUMBER)),
                    num(v, Tag.ROWS, 0), num(v, Tag.COLUMNS, 0), num(v, Tag.SAMPLES_PER_PIXEL, 1),
                    str(v, Tag.PHOTOMETRIC_INTERPRETATION).toUpperCase(Locale.ROOT),
                    frames == null ? 1 : frames, bitsAllocated, bitsStored, num(v, Tag.HIGH_BIT, bitsStored - 1),
                    num(v, Tag.PIXEL_REPRESENTATION, 0),
                    DicomValues.decimals(str(v, Tag.PIXEL_SPACING)),
                    DicomValues.decimals(str(v, Tag.IMAGE_ORIENTATION_PATIENT)),
                    DicomValues.decimals(str(v, Tag.IMAGE_POSITION_PATIENT)),
                    DicomValues.decimal(str(v, Tag.SLICE_THICKNESS)),
                    DicomValues.decimal(str(v, Tag.SPACING_BETWEEN_SLICES)),
                    DicomValues.decimal(str(v, Tag.GANTRY_DETECTOR_TILT)),
                    Double.isNaN(slope) || slope == 0 ? 1.0 : slope, Double.isNaN(intercept) ? 0.0 : intercept,
                    str(v, Tag.PATIENT_POSITION).toUpperCase(Locale.ROOT), pixels, size);
        } finally {
            p.closeQuietly();
        }
    }

    private static String str(EnumMap<Tag, Object> v, Tag t) {
        Object o = v.get(t);
        return o instanceof String s ? s : "";
    }

    private static int num(EnumMap<Tag, Object> v, Tag t, int absent) {
        Object o = v.get(t);
        return o instanceof Integer i && i >= 0 ? i : absent;
    }
}
