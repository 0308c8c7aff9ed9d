package org.sacroguide.imaging.dicom;

import org.sacroguide.imaging.CorruptFileException;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, then one PackBits
 * segment per byte plane, most significant plane first. Decodes one frame of 8- or 16-bit single-sample
 * pixels straight into the destination array.
 */
final class RleDecoder {

    private RleDecoder() {
    }

    /**
     * Decodes {@code pixels} samples from {@code data[off, off+len)} into {@code dst[dstOff, dstOff+pixels)}:
     * for 16 bits the high byte plane then the low one; for 8 bits the single plane as 0..255.
     */
    static void decode(byte[] data, int off, int len, int bitsAllocated, int pixels, short[] dst, int dstOff,
                       String name) throws CorruptFileException {
        if (len < 64) {
            throw new CorruptFileException(name + " has a damaged RLE header (frame of " + len + " bytes)");
        }
        int segments = le32(data, off);
        int planes = bitsAllocated / 8;
        if (segments != planes) {
            throw new CorruptFileException(name + " has " + segments + " RLE segments where " + planes
                    + " were expected for single-sample " + bitsAllocated + "-bit pixels");
        }
        java.util.Arrays.fill(dst, dstOff, dstOff + pixels, (short) 0);
        for (int s = 0; s < segments; s++) {
            long start = le32(data, off + 4 + 4 * s) & 0xffffffffL;
            long end = s + 1 < segments ? le32(data, off + 8 + 4 * s) & 0xffffffffL : len;
            if (start < 64 || end > len || start > end) {
                throw new CorruptFileException(name + " has a damaged RLE segment table");
            }
            int shift = 8 * (planes - 1 - s);
            int written = unpack(data, off + (int) start, off + (int) end, dst, dstOff, pixels, shift);
            if (written < pixels) {
                throw new CorruptFileException(name + " has a truncated RLE segment (" + written + " of " + pixels
                        + " pixels)");
            }
        }
    }

    /** PackBits into one byte plane of dst; returns the number of pixels written (extra output is dropped). */
    private static int unpack(byte[] d, int p, int end, short[] dst, int dstOff, int pixels, int shift) {
        int out = 0;
        while (p < end && out < pixels) {
            int n = d[p++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(end - p, pixels - out));
                for (int i = 0; i < count; i++) {
                    dst[dstOff + out + i] |= (short) ((d[p + i] & 0xff) << shift);
                }
                p += n + 1;
                out += count;
            } else if (n != -128) {
                if (p >= end) {
                    break;
                }
                short v = (short) ((d[p++] & 0xff) << shift);
                int count = Math.min(1 - n, pixels - out);
                for (int i = 0; i < count; i++) {
                    dst[dstOff + out + i] |= v;
                }
                out += count;
            }
        }
        return out;
    }

    private static int le32(byte[] d, int p) {
        return (d[p] & 0xff) | (d[p + 1] & 0xff) << 8 | (d[p + 2] & 0xff) << 16 | (d[p + 3] & 0xff) << 24;
    }
}
