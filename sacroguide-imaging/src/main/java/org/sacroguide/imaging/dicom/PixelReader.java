package org.sacroguide.imaging.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.UnsupportedCompressionException;

/**
 * Reads the pixels of one single-frame image file straight into its place in the volume's {@code short[]}
 * and converts them to HU there. Native pixels are read from the file into a reused direct buffer and bulk
 * copied into the array (no per-pixel decoding, no intermediate heap array); deflated files are inflated
 * up to the pixel data; encapsulated ones are split into fragments and decoded (RLE in-house, JPEG and
 * JPEG 2000 through {@link ImageIoCodecs}). Safe to call from several threads at once.
 */
final class PixelReader {

    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private PixelReader() {
    }

    /**
     * Reads the image of {@code h} into {@code dst[off, off + rows*columns)} as HU (rounded, clamped to
     * int16). Returns the number of samples that had to be clamped.
     */
    static int readHu(SliceHeader h, short[] dst, int off) throws CtInputException {
        int pixels = h.rows() * h.columns();
        SampleFormat format = readStored(h, dst, off, pixels);
        return HuConversion.apply(dst, off, pixels, format.bits, format.signed, h.rescaleSlope(), h.rescaleIntercept());
    }

    /** How the raw samples written into the array are to be interpreted. */
    record SampleFormat(int bits, boolean signed) {
    }

    static SampleFormat readStored(SliceHeader h, short[] dst, int off, int pixels) throws CtInputException {
        checkDecodable(h);
        DicomParser.PixelDataRef ref = h.pixelData();
        boolean signed = h.pixelRepresentation() == 1;
        SampleFormat stored = new SampleFormat(h.bitsStored(), signed);
        if (!ref.encapsulated()) {
            if (h.syntax().deflated()) {
                readDeflated(h, dst, off, pixels);
            } else {
                readNative(h, dst, off, pixels);
            }
            if (h.highBit() != h.bitsStored() - 1 && h.highBit() < h.bitsAllocated()) {
                int shift = h.highBit() + 1 - h.bitsStored();
                for (int i = off; i < off + pixels; i++) {
                    dst[i] = (short) ((dst[i] & 0xFFFF) >>> shift);
                }
            }
            return stored;
        }
        byte[] data = readEncapsulated(h);
        int[] frame = Fragments.singleFrame(data, h.fileName());
        switch (h.syntax().codec()) {
            case RLE -> RleDecoder.decode(data, frame[0], frame[1], h.bitsAllocated(), pixels, dst, off, h.fileName());
            case JPEG -> ImageIoCodecs.decodeJpeg(data, frame[0], frame[1], h.columns(), h.rows(), dst, off,
                    h.fileName(), h.transferSyntaxUid());
            case JPEG_2000 -> {
                ImageIoCodecs.J2kParameters p = ImageIoCodecs.decodeJpeg2000(data, frame[0], frame[1], h.columns(),
                        h.rows(), dst, off, h.fileName());
                // JJ2000 returns the code stream's bits without their sign: sign-extend from the J2K
                // precision when the header says the pixels are signed (as pydicom does).
                return new SampleFormat(p.precision(), signed);
            }
            default -> throw unsupported(h);
        }
        return stored;
    }

    /** Refuses what cannot be decoded before any pixel is read. */
    static void checkDecodable(SliceHeader h) throws CtInputException {
        if (!h.syntax().decodable() || (h.syntax() == TransferSyntax.JPEG_EXTENDED && h.bitsStored() > 8)) {
            throw unsupported(h);
        }
        if (h.pixelData() == null) {
            throw new CorruptFileException(h.fileName() + " holds no pixel data");
        }
        if (h.syntax().encapsulated() != h.pixelData().encapsulated()) {
            throw new CorruptFileException(h.fileName() + " has " + (h.pixelData().encapsulated() ? "compressed" : "uncompressed")
                    + " pixel data but declares " + TransferSyntax.describe(h.transferSyntaxUid()));
        }
        if (h.samplesPerPixel() != 1) {
            throw new CorruptFileException(h.fileName() + " is a colour image (" + h.samplesPerPixel()
                    + " samples per pixel); a CT has one");
        }
        if (h.bitsAllocated() != 8 && h.bitsAllocated() != 16) {
            throw new CorruptFileException(h.fileName() + " has " + h.bitsAllocated()
                    + " bits allocated per pixel; SacroGuide reads 8- and 16-bit CT images");
        }
        if (h.bitsStored() < 1 || h.bitsStored() > h.bitsAllocated()) {
            throw new CorruptFileException(h.fileName() + " declares " + h.bitsStored() + " bits stored in "
                    + h.bitsAllocated() + " allocated");
        }
    }

    static UnsupportedCompressionException unsupported(SliceHeader h) {
        String what = h.syntax() == TransferSyntax.JPEG_EXTENDED ? " with " + h.bitsStored() + "-bit samples" : "";
        return new UnsupportedCompressionException(h.transferSyntaxUid(), h.fileName() + " uses "
                + TransferSyntax.describe(h.transferSyntaxUid()) + what + ", which SacroGuide cannot decode; "
                + "decompress the series first (for example with DCMTK dcmdjpeg/dcmdjpls or gdcmconv --raw)");
    }

    private static void readNative(SliceHeader h, short[] dst, int off, int pixels) throws CtInputException {
        long need = (long) pixels * (h.bitsAllocated() / 8);
        DicomParser.PixelDataRef ref = h.pixelData();
        if (ref.length() < need) {
            throw new CorruptFileException(h.fileName() + " has " + ref.length() + " bytes of pixel data where a "
                    + h.columns() + " x " + h.rows() + " image needs " + need);
        }
        ByteBuffer bb = buffer((int) need);
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            long pos = ref.offset();
            while (bb.hasRemaining()) {
                int r = ch.read(bb, pos + bb.position());
                if (r < 0) {
                    throw truncated(h, need, bb.position());
                }
            }
        } catch (IOException e) {
            throw new CorruptFileException(h.fileName() + " cannot be read: " + e.getMessage(), e);
        }
        bb.flip();
        bb.order(h.syntax().byteOrder());
        toShorts(h, bb, dst, off, pixels);
    }

    private static void readDeflated(SliceHeader h, short[] dst, int off, int pixels) throws CtInputException {
        long need = (long) pixels * (h.bitsAllocated() / 8);
        DicomParser p = DicomParser.open(h.file());
        try {
            DicomParser.PixelDataRef ref = p.walk(new DicomParser.Handler() {
                @Override
                public boolean wants(int depth, int tag) {
                    return false;
                }

                @Override
                public void value(int depth, int tag, String vr, byte[] value, boolean bigEndian) {
                }
            }, true);
            if (ref == null || ref.length() < need) {
                throw new CorruptFileException(h.fileName() + " has too little pixel data for a "
                        + h.columns() + " x " + h.rows() + " image");
            }
            byte[] raw = p.input().bytes((int) need);
            ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            toShorts(h, bb, dst, off, pixels);
        } catch (EOFException e) {
            throw truncated(h, need, -1);
        } catch (IOException e) {
            throw new CorruptFileException(h.fileName() + " has damaged deflate-compressed data: " + e.getMessage(), e);
        } finally {
            p.closeQuietly();
        }
    }

    private static void toShorts(SliceHeader h, ByteBuffer bb, short[] dst, int off, int pixels) {
        if (h.bitsAllocated() == 16) {
            bb.asShortBuffer().get(dst, off, pixels);
            return;
        }
        // 8 bits: in explicit big endian an OW value is byte-swapped in pairs
        boolean swapped = bb.order() == ByteOrder.BIG_ENDIAN && "OW".equals(h.pixelData().vr());
        int base = bb.position();
        for (int i = 0; i < pixels; i++) {
            int src = swapped ? (i ^ 1) : i;
            dst[off + i] = (short) (bb.get(base + src) & 0xff);
        }
    }

    private static byte[] readEncapsulated(SliceHeader h) throws CtInputException {
        long start = h.pixelData().offset();
        long size = h.fileBytes() - start;
        if (size <= 0 || size > Integer.MAX_VALUE - 16) {
            throw new CorruptFileException(h.fileName() + " is truncated (no compressed pixel data)");
        }
        byte[] data = new byte[(int) size];
        ByteBuffer bb = ByteBuffer.wrap(data);
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            while (bb.hasRemaining()) {
                if (ch.read(bb, start + bb.position()) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new CorruptFileException(h.fileName() + " cannot be read: " + e.getMessage(), e);
        }
        return bb.position() == data.length ? data : java.util.Arrays.copyOf(data, bb.position());
    }

    private static CorruptFileException truncated(SliceHeader h, long need, long got) {
        return new CorruptFileException(h.fileName() + " is truncated: its pixel data needs " + need + " bytes"
                + (got >= 0 ? ", the file holds " + got : ""));
    }

    private static ByteBuffer buffer(int bytes) {
        ByteBuffer bb = BUFFER.get();
        if (bb == null || bb.capacity() < bytes) {
            bb = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 19));
            BUFFER.set(bb);
        }
        bb.clear().limit(bytes);
        return bb;
    }
}
