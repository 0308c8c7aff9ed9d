package org.sacroguide.imaging.dicom;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The DICOM transfer syntaxes SacroGuide recognises (PS3.5 section 10 and Annex A), with how the data set
 * is encoded and how the pixel data is compressed. {@link #decodable()} says whether SacroGuide can
 * decode its pixels: JPEG-LS and 12-bit lossy JPEG are recognised but have no well-kept Java decoder, so
 * they are answered with an {@link org.sacroguide.imaging.UnsupportedCompressionException} naming them.
 */
public enum TransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", "Implicit VR Little Endian", Codec.NATIVE),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", "Explicit VR Little Endian", Codec.NATIVE),
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", Codec.NATIVE),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", "Explicit VR Big Endian", Codec.NATIVE),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", Codec.JPEG),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)", Codec.JPEG),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", Codec.JPEG),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, Process 14, Selection Value 1", Codec.JPEG),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", Codec.JPEG_LS),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", Codec.JPEG_LS),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", Codec.JPEG_2000),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000", Codec.JPEG_2000),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", Codec.RLE),
    /** Any other UID (MPEG, HTJ2K, private): the data set is parsed as explicit VR LE, pixels refused. */
    OTHER("", "unknown transfer syntax", Codec.UNSUPPORTED);

    /** How the pixel data is stored. */
    public enum Codec { NATIVE, RLE, JPEG, JPEG_LS, JPEG_2000, UNSUPPORTED }

    private final String uid;
    private final String title;
    private final Codec codec;

    TransferSyntax(String uid, String title, Codec codec) {
        this.uid = uid;
        this.title = title;
        this.codec = codec;
    }

    public String uid() {
        return uid;
    }

    public String title() {
        return title;
    }

    public Codec codec() {
        return codec;
    }

    /** Implicit VR: element VRs come from the dictionary, not the file. */
    public boolean implicitVr() {
        return this == IMPLICIT_VR_LITTLE_ENDIAN;
    }

    public ByteOrder byteOrder() {
        return this == EXPLICIT_VR_BIG_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    public boolean deflated() {
        return this == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
    }

    /** Pixel data stored as fragments of a compressed stream (PS3.5 A.4). */
    public boolean encapsulated() {
        return codec != Codec.NATIVE;
    }

    /** True when SacroGuide has a decoder; JPEG Extended is decodable only for 8-bit samples. */
    public boolean decodable() {
        return codec == Codec.NATIVE || codec == Codec.RLE || codec == Codec.JPEG || codec == Codec.JPEG_2000;
    }

    /** The syntax with this UID; {@link #OTHER} for an unknown one (the caller keeps the UID). */
    public static TransferSyntax ofUid(String uid) {
        String u = uid == null ? "" : uid.trim();
        for (TransferSyntax t : values()) {
            if (t != OTHER && t.uid.equals(u)) {
                return t;
            }
        }
        return OTHER;
    }

    /** "JPEG-LS Lossless (1.2.840.10008.1.2.4.80)". */
    public static String describe(String uid) {
        TransferSyntax t = ofUid(uid);
        return (t == OTHER ? "transfer syntax" : t.title) + " (" + uid + ")";
    }

    @Override
    public String toString() {
        return title.toLowerCase(Locale.ROOT);
    }
}
