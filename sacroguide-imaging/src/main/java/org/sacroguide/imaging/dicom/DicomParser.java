package org.sacroguide.imaging.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;

/**
 * A compact DICOM Part 10 reader (PS3.10, PS3.5): the 128-byte preamble and "DICM" (or a bare data set
 * without them), the file meta group, then the data set in implicit or explicit VR little endian,
 * explicit VR big endian or deflated explicit VR little endian. Elements are walked one by one: a
 * {@link Handler} decides which values to read, everything else is skipped without being decoded,
 * sequences of defined or undefined length (and UN elements of undefined length, which hold implicit VR)
 * are walked or skipped item by item. The walk can stop at the top-level Pixel Data element and report
 * where its value starts, so a folder scan never reads pixels.
 */
final class DicomParser {

    static final long UNDEFINED = 0xFFFF_FFFFL;
    private static final int MAX_DEPTH = 32;
    private static final int SCAN_BUFFER_BYTES = 8 * 1024;

    /** What a walk wants from the elements it passes. Depth 0 is the top-level data set. */
    interface Handler {
        boolean wants(int depth, int tag);

        void value(int depth, int tag, String vr, byte[] value, boolean bigEndian);

        /** Walk into this sequence's items (otherwise they are skipped). */
        default boolean descend(int depth, int tag) {
            return false;
        }

        default void itemStart(int depth) {
        }

        default void itemEnd(int depth) {
        }
    }

    /** Where the top-level Pixel Data value starts, its length ({@code -1}: undefined, encapsulated) and VR. */
    record PixelDataRef(long offset, long length, String vr) {
        boolean encapsulated() {
            return length < 0;
        }
    }

    /** The file is not DICOM at all (no "DICM" marker and no recognisable data set). */
    static final class NotDicomException extends CorruptFileException {
        NotDicomException(String message) {
            super(message);
        }
    }

    private final String name;
    private DicomInput in;
    private boolean explicitVr;
    private String transferSyntaxUid;
    private TransferSyntax syntax;
    private String mediaStorageSopClassUid;
    private boolean hasPreamble;

    private DicomParser(String name) {
        this.name = name;
    }

    /**
     * Opens a file and reads its preamble and meta group; the returned parser is positioned at the start
     * of the data set (inflated for the deflated transfer syntax). Close it after use.
     */
    static DicomParser open(Path file) throws CtInputException {
        String name = String.valueOf(file.getFileName());
        long size;
        InputStream raw;
        try {
            size = Files.size(file);
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new CorruptFileException(name + " does not exist");
        } catch (IOException e) {
            throw new CorruptFileException(name + " cannot be read: " + e.getMessage(), e);
        }
        DicomParser p = new DicomParser(name);
        p.in = new DicomInput(raw, size, SCAN_BUFFER_BYTES);
        try {
            p.readPreambleAndMeta();
            return p;
        } catch (EOFException e) {
            p.closeQuietly();
            throw new CorruptFileException(name + " is truncated (it ends inside the DICOM header)", e);
        } catch (IOException e) {
            p.closeQuietly();
            throw new CorruptFileException(name + " cannot be read: " + e.getMessage(), e);
        } catch (CtInputException | RuntimeException e) {
            p.closeQuietly();
            throw e;
        }
    }

    String name() {
        return name;
    }

    String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    TransferSyntax syntax() {
        return syntax;
    }

    String mediaStorageSopClassUid() {
        return mediaStorageSopClassUid;
    }

    boolean hasPreamble() {
        return hasPreamble;
    }

    DicomInput input() {
        return in;
    }

    /**
     * Walks the data set, passing wanted values to the handler. With {@code stopAtPixelData} it returns at
     * the top-level Pixel Data element, positioned at the start of its value; otherwise it walks to the end.
     * Returns the Pixel Data location, or null when the data set has none.
     */
    PixelDataRef walk(Handler handler, boolean stopAtPixelData) throws CtInputException {
        try {
            return dataset(handler, -1, 0, explicitVr, stopAtPixelData);
        } catch (EOFException e) {
            throw new CorruptFileException(name + " is truncated (it ends inside the DICOM data set)", e);
        } catch (java.util.zip.ZipException e) {
            throw new CorruptFileException(name + " has damaged deflate-compressed data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CorruptFileException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the file was only read
        }
    }

    // --- preamble and meta group -------------------------------------------------------------------

    private void readPreambleAndMeta() throws IOException, CtInputException {
        if (in.request(132) && in.peek(128) == 'D' && in.peek(129) == 'I' && in.peek(130) == 'C' && in.peek(131) == 'M') {
            hasPreamble = true;
            in.skip(132);
        } else if (!looksLikeDataSet()) {
            throw new NotDicomException(name + " is not a DICOM file");
        }
        in.bigEndian(false);
        if (peekGroup(false) == 0x0002) {
            readMetaGroup();
        }
        if (transferSyntaxUid == null || transferSyntaxUid.isEmpty()) {
            guessSyntaxFromDataSet();
        } else {
            syntax = TransferSyntax.ofUid(transferSyntaxUid);
        }
        explicitVr = !syntax.implicitVr();
        if (syntax.deflated()) {
            InputStream inflated = new InflaterInputStream(in.rest(), new Inflater(true), 64 * 1024);
            in = new DicomInput(inflated, -1, SCAN_BUFFER_BYTES);
        }
        in.bigEndian(syntax.byteOrder() == ByteOrder.BIG_ENDIAN);
        // Some writers label implicit data as explicit: trust the bytes of the first element.
        if (!syntax.deflated() && explicitVr && in.request(6) && !isVr(in.peek(4), in.peek(5))) {
            explicitVr = false;
        }
    }

    /** A file without preamble: does it start like a data set (group 0002 or 0008 first)? */
    private boolean looksLikeDataSet() throws IOException {
        if (!in.request(8)) {
            return false;
        }
        int groupLe = in.peek(0) | (in.peek(1) << 8);
        int groupBe = (in.peek(0) << 8) | in.peek(1);
        boolean vr = isVr(in.peek(4), in.peek(5));
        if (groupLe == 0x0002 && vr) {
            return true;
        }
        if (groupLe == 0x0008) {
            if (vr) {
                return true;
            }
            long len = in.peek(4) | (in.peek(5) << 8) | ((long) in.peek(6) << 16) | ((long) in.peek(7) << 24);
            return len < in.remaining();
        }
        return groupBe == 0x0008 && vr;
    }

    private void guessSyntaxFromDataSet() throws IOException {
        if (!in.request(8)) {
            syntax = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        } else {
            int groupLe = in.peek(0) | (in.peek(1) << 8);
            boolean vr = isVr(in.peek(4), in.peek(5));
            if (groupLe > 0x00FF && vr) {
                syntax = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
            } else {
                syntax = vr ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
            }
        }
        transferSyntaxUid = syntax.uid();
    }

    private int peekGroup(boolean bigEndian) throws IOException {
        if (!in.request(2)) {
            return -1;
        }
        return bigEndian ? (in.peek(0) << 8) | in.peek(1) : in.peek(0) | (in.peek(1) << 8);
    }

    private void readMetaGroup() throws IOException, CtInputException {
        while (peekGroup(false) == 0x0002) {
            int tag = in.tag();
            long len;
            boolean explicit = in.request(2) && isVr(in.peek(0), in.peek(1));
            String vr;
            if (explicit) {
                vr = new String(new byte[] {(byte) in.u8(), (byte) in.u8()}, StandardCharsets.US_ASCII);
                if (longLength(vr)) {
                    in.skip(2);
                    len = in.u32();
                } else {
                    len = in.u16();
                }
            } else { // a few old writers put an implicit meta group
                vr = vrOf(tag);
                len = in.u32();
            }
            if (len == UNDEFINED || len > 1 << 20) {
                throw new CorruptFileException(name + " has a damaged file meta header (element " + Tag.format(tag)
                        + " claims " + len + " bytes)");
            }
            if (tag == Tag.TRANSFER_SYNTAX_UID.code) {
                transferSyntaxUid = DicomValues.string(in.bytes((int) len));
            } else if (tag == Tag.MEDIA_STORAGE_SOP_CLASS_UID.code) {
                mediaStorageSopClassUid = DicomValues.string(in.bytes((int) len));
            } else {
                in.skip(len);
            }
        }
    }

    // --- data set ------------------------------------------------------------------------------------

    private PixelDataRef dataset(Handler h, long end, int depth, boolean explicit, boolean stopAtPixels)
            throws IOException, CtInputException {
        while (true) {
            if (end >= 0) {
                if (in.position() >= end) {
                    return null;
                }
            } else if (depth == 0 && in.atEnd()) {
                return null;
            }
            int tag = in.tag();
            if (tag == Tag.ITEM_DELIMITATION || tag == Tag.SEQUENCE_DELIMITATION) {
                in.u32();
                if (depth > 0 && end < 0 && tag == Tag.ITEM_DELIMITATION) {
                    return null; // end of an item of undefined length
                }
                continue; // stray delimiter: tolerated, as most readers do
            }
            if (tag == Tag.ITEM) {
                throw new CorruptFileException(name + " is damaged: an item appears outside any sequence");
            }
            String vr;
            long len;
            if (explicit) {
                int a = in.u8();
                int b = in.u8();
                if (!isVr(a, b)) {
                    throw new CorruptFileException(name + " is damaged: element " + Tag.format(tag)
                            + " has no valid value representation");
                }
                vr = new String(new char[] {(char) a, (char) b});
                if (longLength(vr)) {
                    in.skip(2);
                    len = in.u32();
                } else {
                    len = in.u16();
                }
            } else {
                len = in.u32();
                vr = vrOf(tag);
            }
            if (depth == 0 && tag == Tag.PIXEL_DATA.code) {
                PixelDataRef ref = new PixelDataRef(in.position(), len == UNDEFINED ? -1 : len, vr);
                if (stopAtPixels) {
                    return ref;
                }
                if (len == UNDEFINED) {
                    sequence(h, tag, len, depth, explicit);
                } else {
                    in.skip(len);
                }
                continue;
            }
            if ("SQ".equals(vr) || len == UNDEFINED) {
                sequence(h, tag, len, depth, explicit && !"UN".equals(vr));
                continue;
            }
            if (h.wants(depth, tag)) {
                if (len > Integer.MAX_VALUE) {
                    throw new EOFException("value too long");
                }
                h.value(depth, tag, vr, in.bytes((int) len), in.bigEndian());
            } else {
                in.skip(len);
            }
        }
    }

    private void sequence(Handler h, int tag, long len, int depth, boolean explicit)
            throws IOException, CtInputException {
        if (depth >= MAX_DEPTH) {
            throw new CorruptFileException(name + " is damaged: sequences nested more than " + MAX_DEPTH + " deep");
        }
        boolean descend = h.descend(depth, tag);
        if (len != UNDEFINED && !descend) {
            in.skip(len);
            return;
        }
        long end = len == UNDEFINED ? -1 : in.position() + len;
        while (end < 0 || in.position() < end) {
            int t = in.tag();
            long itemLength = in.u32();
            if (t == Tag.SEQUENCE_DELIMITATION) {
                return;
            }
            if (t != Tag.ITEM) {
                throw new CorruptFileException(name + " is damaged: sequence " + Tag.format(tag)
                        + " holds " + Tag.format(t) + " where an item was expected");
            }
            if (descend) {
                h.itemStart(depth + 1);
            }
            if (itemLength == UNDEFINED) {
                dataset(h, -1, depth + 1, explicit, false);
            } else if (descend) {
                dataset(h, in.position() + itemLength, depth + 1, explicit, false);
            } else {
                in.skip(itemLength);
            }
            if (descend) {
                h.itemEnd(depth + 1);
            }
        }
    }

    // --- value representations -----------------------------------------------------------------------

    static boolean isVr(int a, int b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    /** VRs whose explicit encoding has 2 reserved bytes and a 32-bit length (PS3.5 table 7.1-1). */
    static boolean longLength(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    /** The VR of a tag in implicit VR data: from SacroGuide's small dictionary, UN for the rest. */
    static String vrOf(int tag) {
        Tag t = Tag.of(tag);
        if (t != null) {
            return t.vr;
        }
        if ((tag & 0xFFFF) == 0) {
            return "UL"; // group length
        }
        return "UN";
    }
}
