package org.sacroguide.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: replaces one top-level element's value in an explicit VR little endian Part 10 file
 * (defined lengths only, as the corpus and {@link DicomWriter} write them), to make damaged input.
 */
final class DicomPatch {

    private DicomPatch() {
    }

    static void setString(Path file, Tag tag, String value) throws IOException {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        if (v.length % 2 == 1) {
            v = java.util.Arrays.copyOf(v, v.length + 1);
            v[v.length - 1] = ' ';
        }
        replace(file, tag.code, v);
    }

    static void setUnsignedShort(Path file, Tag tag, int value) throws IOException {
        replace(file, tag.code, new byte[] {(byte) value, (byte) (value >> 8)});
    }

    /** Replaces the (last, native) Pixel Data element by encapsulated pixel data holding one fragment. */
    static void setEncapsulatedPixelData(Path file, byte[] frame) throws IOException {
        byte[] d = Files.readAllBytes(file);
        int p = d.length - 1;
        while (!(d[p] == 'O' && d[p + 1] == 'W' && d[p - 4] == (byte) 0xE0 && d[p - 3] == 0x7F && d[p - 2] == 0x10 && d[p - 1] == 0)) {
            p--;
        }
        int start = p - 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(d, 0, start);
        out.write(DicomWriter.encapsulated(frame));
        Files.write(file, out.toByteArray());
    }

    private static void replace(Path file, int tag, byte[] value) throws IOException {
        byte[] d = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        int p = 132;
        while (p < d.length) {
            int t = (b.getShort(p) & 0xffff) << 16 | (b.getShort(p + 2) & 0xffff);
            String vr = new String(d, p + 4, 2, StandardCharsets.US_ASCII);
            boolean longLen = DicomParser.longLength(vr);
            int headerLength = longLen ? 12 : 8;
            long len = longLen ? b.getInt(p + 8) & 0xffffffffL : b.getShort(p + 6) & 0xffff;
            if (len == DicomParser.UNDEFINED) {
                throw new IllegalStateException("undefined length in " + file);
            }
            if (t == tag) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(d, 0, p + 4 + 2);
                ByteBuffer l = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
                if (longLen) {
                    l.putShort((short) 0).putInt(value.length);
                } else {
                    l.putShort((short) value.length);
                }
                out.write(l.array(), 0, l.position());
                out.write(value);
                int next = p + headerLength + (int) len;
                out.write(d, next, d.length - next);
                Files.write(file, out.toByteArray());
                return;
            }
            p += headerLength + (int) len;
        }
        throw new IllegalStateException(Tag.format(tag) + " not found in " + file);
    }
}
