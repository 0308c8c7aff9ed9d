package org.sacroguide.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.AtomicFile;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.PatientPoint;

/**
 * Writes a {@link CtVolume} as a DICOM series: one CT Image Storage file per slice, explicit VR little
 * endian, HU stored as int16 (rescale intercept 0) or uint16 (intercept = the lowest of -1024 and the
 * volume's minimum), ImagePositionPatient / ImageOrientationPatient / PixelSpacing taken from the affine
 * (LPS). Decimal strings keep up to 16 characters, so {@link DicomSeriesReader} reads the same HU and the
 * same affine back (to about 1e-12 mm). Optionally JPEG 2000 lossless (for benchmarks and tests of the
 * decoder). Each file is written atomically (temporary file, then move).
 * Used by the tests and by the phantom generator; the volume's in-plane axes must be perpendicular.
 */
public final class DicomWriter {

    /** CT Image Storage. */
    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    /** SacroGuide's implementation class UID (a UUID-derived UID under 2.25). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.208447061146224155066183813419930137912";
    private static final String IMPLEMENTATION_VERSION = "SACROGUIDE_01";

    private DicomWriter() {
    }

    /** How stored values relate to HU. */
    public enum PixelEncoding {
        /** Signed 16 bits, HU = stored. */
        INT16,
        /** Unsigned 16 bits, HU = stored + intercept, as many scanners write. */
        UINT16
    }

    /** How the pixel data is stored. */
    public enum Compression {
        /** Explicit VR little endian, native pixels. */
        NONE,
        /**
         * JPEG 2000 lossless (transfer syntax 1.2.840.10008.1.2.4.90, reversible 5/3 wavelet), encoded by
         * jai-imageio; pixels are then always stored unsigned (UINT16 with an intercept).
         */
        JPEG_2000_LOSSLESS
    }

    /**
     * What the series says about itself. Empty study / series UIDs write empty UIDs (as some anonymisers
     * leave them; the SOP Instance UIDs are then empty too), for tests of such input.
     */
    public record SeriesSpec(String patientName, String patientId, String studyInstanceUid, String seriesInstanceUid,
                             String frameOfReferenceUid, int seriesNumber, String seriesDescription, String modality,
                             String imageType, PixelEncoding encoding, String patientPosition, Compression compression) {

        /** A fresh series with new UIDs, a synthetic patient, int16 pixels, head first supine. */
        public static SeriesSpec of(String seriesDescription) {
            return new SeriesSpec("SacroGuide^Phantom", "SG-SYNTHETIC", newUid(), newUid(), newUid(), 1, seriesDescription,
                    "CT", "DERIVED\\SECONDARY\\AXIAL", PixelEncoding.INT16, "HFS", Compression.NONE);
        }

        public SeriesSpec withEncoding(PixelEncoding e) {
            return new SeriesSpec(patientName, patientId, studyInstanceUid, seriesInstanceUid, frameOfReferenceUid,
                    seriesNumber, seriesDescription, modality, imageType, e, patientPosition, compression);
        }

        public SeriesSpec withSeries(String uid, int number) {
            return new SeriesSpec(patientName, patientId, studyInstanceUid, uid, frameOfReferenceUid, number,
                    seriesDescription, modality, imageType, encoding, patientPosition, compression);
        }

        public SeriesSpec withModality(String m) {
            return new SeriesSpec(patientName, patientId, studyInstanceUid, seriesInstanceUid, frameOfReferenceUid,
                    seriesNumber, seriesDescription, m, imageType, encoding, patientPosition, compression);
        }

        public SeriesSpec withPatient(String name, String id) {
            return new SeriesSpec(name, id, studyInstanceUid, seriesInstanceUid, frameOfReferenceUid, seriesNumber,
                    seriesDescription, modality, imageType, encoding, patientPosition, compression);
        }

        /** Empty study, series and SOP instance UIDs, as some anonymisers leave them. */
        public SeriesSpec withoutUids() {
            return new SeriesSpec(patientName, patientId, "", "", frameOfReferenceUid, seriesNumber, seriesDescription,
                    modality, imageType, encoding, patientPosition, compression);
        }

        public SeriesSpec withCompression(Compression c) {
            return new SeriesSpec(patientName, patientId, studyInstanceUid, seriesInstanceUid, frameOfReferenceUid,
                    seriesNumber, seriesDescription, modality, imageType, encoding, patientPosition, c);
        }

        /** The transfer syntax the files are written in. */
        public TransferSyntax transferSyntax() {
            return compression == Compression.NONE ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.JPEG_2000_LOSSLESS;
        }
    }

    /** A new globally unique UID under the UUID root 2.25 (PS3.5 B.2). */
    public static String newUid() {
        UUID u = UUID.randomUUID();
        BigInteger v = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
        return "2.25." + v;
    }

    /**
     * Writes {@code folder/IM0001.dcm ..} (InstanceNumber = slice index + 1), slices in parallel, and returns
     * the files in slice order. The folder is created if needed; existing files of the same names are
     * replaced.
     */
    public static List<Path> writeSeries(CtVolume ct, Path folder, SeriesSpec spec) throws IOException {
        Affine a = ct.voxelToPatient();
        PatientPoint row = a.axis(0).unit();
        PatientPoint col = a.axis(1).unit();
        if (Math.abs(row.dot(col)) > 1e-6) {
            throw new IllegalArgumentException("the volume's column and row axes are not perpendicular; DICOM "
                    + "images cannot hold that (resample the volume first)");
        }
        PatientPoint normal = row.cross(col);
        PatientPoint step = a.axis(2);
        if (Math.abs(step.dot(normal)) < 1e-6 * step.normMm()) {
            throw new IllegalArgumentException("the volume's slice axis lies in the slice plane");
        }
        boolean j2k = spec.compression() == Compression.JPEG_2000_LOSSLESS;
        PixelEncoding encoding = j2k ? PixelEncoding.UINT16 : spec.encoding();
        int[] range = ct.huRange();
        int intercept = encoding == PixelEncoding.INT16 ? 0 : Math.min(-1024, range[0]);
        int bitsStored = encoding == PixelEncoding.INT16 ? 16
                : Math.max(12, 32 - Integer.numberOfLeadingZeros(range[1] - intercept));
        Files.createDirectories(folder);
        Slice common = new Slice(ct, spec, encoding, intercept, bitsStored, normal,
                DicomValues.formatDs(Math.abs(step.dot(normal))),
                DicomValues.formatDs(row.x(), row.y(), row.z(), col.x(), col.y(), col.z()),
                DicomValues.formatDs(a.spacingMm(1), a.spacingMm(0)));
        Path[] written = new Path[ct.slices()];
        IOException[] failure = new IOException[1];
        IntStream.range(0, ct.slices()).parallel().forEach(k -> {
            try {
                written[k] = common.write(folder, k);
            } catch (IOException | RuntimeException e) {
                synchronized (failure) {
                    if (failure[0] == null) {
                        failure[0] = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                    }
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return List.of(written);
    }

    /** What every slice file of one series shares, and the writing of one of them. */
    private record Slice(CtVolume ct, SeriesSpec spec, PixelEncoding encoding, int intercept, int bitsStored,
                         PatientPoint normal, String sliceThickness, String iop, String pixelSpacing) {

        Path write(Path folder, int k) throws IOException {
            Affine a = ct.voxelToPatient();
            PatientPoint ipp = a.apply(0, 0, k);
            String sop = spec.seriesInstanceUid().isEmpty() ? "" : newUid();
            Elements e = new Elements();
            if (!isAscii(spec.patientName()) || !isAscii(spec.seriesDescription())) {
                e.string(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 192");
            }
            e.string(Tag.IMAGE_TYPE, spec.imageType());
            e.string(Tag.SOP_CLASS_UID, CT_IMAGE_STORAGE);
            e.string(Tag.SOP_INSTANCE_UID, sop);
            e.string(Tag.STUDY_DATE, "");
            e.string(Tag.STUDY_TIME, "");
            e.string(Tag.ACCESSION_NUMBER, "");
            e.string(Tag.MODALITY, spec.modality());
            e.string(Tag.MANUFACTURER, "SacroGuide");
            e.string(Tag.REFERRING_PHYSICIAN_NAME, "");
            e.string(Tag.SERIES_DESCRIPTION, spec.seriesDescription());
            e.string(Tag.PATIENT_NAME, spec.patientName());
            e.string(Tag.PATIENT_ID, spec.patientId());
            e.string(Tag.PATIENT_BIRTH_DATE, "");
            e.string(Tag.PATIENT_SEX, "");
            e.string(Tag.BODY_PART_EXAMINED, "PELVIS");
            e.string(Tag.SLICE_THICKNESS, sliceThickness);
            e.string(Tag.KVP, "");
            e.string(Tag.PATIENT_POSITION, spec.patientPosition());
            e.string(Tag.STUDY_INSTANCE_UID, spec.studyInstanceUid());
            e.string(Tag.SERIES_INSTANCE_UID, spec.seriesInstanceUid());
            e.string(Tag.STUDY_ID, "");
            e.string(Tag.SERIES_NUMBER, Integer.toString(spec.seriesNumber()));
            e.string(Tag.ACQUISITION_NUMBER, "");
            e.string(Tag.INSTANCE_NUMBER, Integer.toString(k + 1));
            e.string(Tag.IMAGE_POSITION_PATIENT, DicomValues.formatDs(ipp.x(), ipp.y(), ipp.z()));
            e.string(Tag.IMAGE_ORIENTATION_PATIENT, iop);
            e.string(Tag.FRAME_OF_REFERENCE_UID, spec.frameOfReferenceUid());
            e.string(Tag.POSITION_REFERENCE_INDICATOR, "");
            e.string(Tag.SLICE_LOCATION, DicomValues.formatDs(ipp.dot(normal)));
            e.ushort(Tag.SAMPLES_PER_PIXEL, 1);
            e.string(Tag.PHOTOMETRIC_INTERPRETATION, "MONOCHROME2");
            e.ushort(Tag.ROWS, ct.rows());
            e.ushort(Tag.COLUMNS, ct.columns());
            e.string(Tag.PIXEL_SPACING, pixelSpacing);
            e.ushort(Tag.BITS_ALLOCATED, 16);
            e.ushort(Tag.BITS_STORED, bitsStored);
            e.ushort(Tag.HIGH_BIT, bitsStored - 1);
            e.ushort(Tag.PIXEL_REPRESENTATION, encoding == PixelEncoding.INT16 ? 1 : 0);
            e.string(Tag.WINDOW_CENTER, "400");
            e.string(Tag.WINDOW_WIDTH, "1800");
            e.string(Tag.RESCALE_INTERCEPT, Integer.toString(intercept));
            e.string(Tag.RESCALE_SLOPE, "1");
            e.string(Tag.RESCALE_TYPE, "HU");
            int perSlice = ct.columns() * ct.rows();
            short[] stored = new short[perSlice];
            short[] hu = ct.huArray();
            int base = k * perSlice;
            for (int i = 0; i < perSlice; i++) {
                stored[i] = (short) (hu[base + i] - intercept);
            }
            byte[] pixels = spec.compression() == Compression.JPEG_2000_LOSSLESS
                    ? encapsulated(Jpeg2000Encoder.encodeLossless(stored, ct.columns(), ct.rows(), bitsStored))
                    : nativePixels(stored);
            byte[] header = e.bytes();
            byte[] meta = meta(sop, spec.transferSyntax().uid());
            Path file = folder.resolve(String.format(Locale.ROOT, "IM%04d.dcm", k + 1));
            AtomicFile.write(file, out -> {
                out.write(new byte[128]);
                out.write("DICM".getBytes(StandardCharsets.US_ASCII));
                out.write(meta);
                out.write(header);
                out.write(pixels);
            });
            return file;
        }
    }

    /** The Pixel Data element with native little endian samples. */
    private static byte[] nativePixels(short[] stored) {
        ByteBuffer px = ByteBuffer.allocate(12 + 2 * stored.length).order(ByteOrder.LITTLE_ENDIAN);
        px.putShort((short) 0x7FE0).putShort((short) 0x0010).put((byte) 'O').put((byte) 'W').putShort((short) 0)
                .putInt(2 * stored.length);
        px.asShortBuffer().put(stored);
        return px.array();
    }

    /** The Pixel Data element holding one frame as one fragment after an empty Basic Offset Table. */
    static byte[] encapsulated(byte[] frame) {
        int padded = frame.length + (frame.length & 1);
        ByteBuffer px = ByteBuffer.allocate(12 + 8 + 8 + padded + 8).order(ByteOrder.LITTLE_ENDIAN);
        px.putShort((short) 0x7FE0).putShort((short) 0x0010).put((byte) 'O').put((byte) 'B').putShort((short) 0).putInt(-1);
        px.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(0);
        px.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(padded).put(frame);
        if (padded != frame.length) {
            px.put((byte) 0);
        }
        px.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        return px.array();
    }

    private static byte[] meta(String sopInstanceUid, String transferSyntaxUid) {
        Elements m = new Elements();
        m.raw(Tag.FILE_META_VERSION, "OB", new byte[] {0, 1});
        m.string(Tag.MEDIA_STORAGE_SOP_CLASS_UID, CT_IMAGE_STORAGE);
        m.string(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, sopInstanceUid);
        m.string(Tag.TRANSFER_SYNTAX_UID, transferSyntaxUid);
        m.string(Tag.IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_CLASS_UID);
        m.string(Tag.IMPLEMENTATION_VERSION_NAME, IMPLEMENTATION_VERSION);
        byte[] body = m.bytes();
        Elements g = new Elements();
        g.raw(Tag.FILE_META_GROUP_LENGTH, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
        byte[] head = g.bytes();
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    /** Explicit VR little endian elements, written in the order given (callers keep tag order). */
    private static final class Elements {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);

        void string(Tag t, String value) {
            byte[] v = value.getBytes(isAscii(value) ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
            if (v.length % 2 == 1) {
                v = java.util.Arrays.copyOf(v, v.length + 1);
                v[v.length - 1] = (byte) ("UI".equals(t.vr) ? 0 : ' ');
            }
            raw(t, t.vr, v);
        }

        void ushort(Tag t, int value) {
            raw(t, "US", new byte[] {(byte) value, (byte) (value >> 8)});
        }

        void raw(Tag t, String vr, byte[] v) {
            ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) (t.code >>> 16)).putShort((short) t.code).put((byte) vr.charAt(0)).put((byte) vr.charAt(1));
            if (DicomParser.longLength(vr)) {
                b.putShort((short) 0).putInt(v.length);
            } else {
                if (v.length > 0xFFFF) {
                    throw new IllegalArgumentException(t + " value is too long for DICOM");
                }
                b.putShort((short) v.length);
            }
            out.write(b.array(), 0, b.position());
            out.write(v, 0, v.length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
