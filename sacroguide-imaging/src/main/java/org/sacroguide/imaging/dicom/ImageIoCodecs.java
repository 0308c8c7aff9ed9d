package org.sacroguide.imaging.dicom;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.UnsupportedCompressionException;

/**
 * JPEG and JPEG 2000 frames decoded by third-party ImageIO plug-ins, found through the ImageIO registry:
 * TwelveMonkeys {@code imageio-jpeg} for JPEG baseline, 8-bit extended and lossless (process 14, any
 * selection value), and jai-imageio's JJ2000 for JPEG 2000. Before decoding, the code stream's own header
 * is read (JPEG SOF, J2K SIZ) to refuse what these decoders cannot do (12-bit lossy JPEG, JPEG-LS,
 * arithmetic coding) with a typed error, and to learn the JPEG 2000 sample precision and sign.
 */
final class ImageIoCodecs {

    private static final String TWELVEMONKEYS_JPEG = "com.twelvemonkeys.imageio.plugins.jpeg";
    private static final String JAI_JPEG2000 = "com.github.jaiimageio.jpeg2000";

    private static volatile ImageReaderSpi jpegSpi;
    private static volatile ImageReaderSpi j2kSpi;

    private ImageIoCodecs() {
    }

    /** Sample precision and sign of a JPEG 2000 code stream (SIZ marker, first component). */
    record J2kParameters(int precision, boolean signed) {
    }

    /**
     * Decodes a JPEG frame into {@code dst} (one sample per pixel, raw 8- or 16-bit values).
     * Throws {@link UnsupportedCompressionException} for 12-bit lossy, JPEG-LS and arithmetic-coded data.
     */
    static void decodeJpeg(byte[] data, int off, int len, int columns, int rows, short[] dst, int dstOff,
                           String name, String tsUid) throws CtInputException {
        int[] sof = jpegFrameHeader(data, off, len, name);
        int marker = sof[0];
        int precision = sof[1];
        if (marker == 0xF7 || marker == 0xF8) {
            throw unsupported(name, tsUid, "its frames are JPEG-LS coded");
        }
        if (marker >= 0xC9 && marker != 0xC4 && marker != 0xCC) {
            throw unsupported(name, tsUid, "its JPEG frames use arithmetic coding");
        }
        boolean lossless = marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF;
        if (!lossless && precision > 8) {
            throw unsupported(name, tsUid, "its lossy JPEG frames have " + precision + "-bit samples");
        }
        Raster raster = read(jpegReader(), data, off, len, name, "JPEG");
        copy(raster, columns, rows, dst, dstOff, name);
    }

    /** Decodes a JPEG 2000 frame (raw code stream or JP2) into {@code dst} as unsigned raw samples. */
    static J2kParameters decodeJpeg2000(byte[] data, int off, int len, int columns, int rows, short[] dst,
                                        int dstOff, String name) throws CtInputException {
        J2kParameters params = j2kParameters(data, off, len, name);
        Raster raster = read(jpeg2000Reader(), data, off, len, name, "JPEG 2000");
        copy(raster, columns, rows, dst, dstOff, name);
        return params;
    }

    private static UnsupportedCompressionException unsupported(String name, String tsUid, String why) {
        return new UnsupportedCompressionException(tsUid, name + " uses " + TransferSyntax.describe(tsUid)
                + " and " + why + ", which SacroGuide cannot decode; decompress the series first "
                + "(for example with DCMTK dcmdjpeg/dcmdjpls or gdcmconv --raw)");
    }

    private static Raster read(ImageReader reader, byte[] data, int off, int len, String name, String what)
            throws CtInputException {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(data, off, len))) {
            reader.setInput(iis, true, true);
            if (reader.canReadRaster()) {
                return reader.readRaster(0, null);
            }
            return reader.read(0).getRaster();
        } catch (IOException | RuntimeException e) {
            throw new CorruptFileException(name + " has " + what + " data that could not be decoded ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /** Copies a single-band raster into dst, row by row; fast paths for plain byte and ushort buffers. */
    private static void copy(Raster r, int columns, int rows, short[] dst, int dstOff, String name)
            throws CorruptFileException {
        if (r.getWidth() != columns || r.getHeight() != rows) {
            throw new CorruptFileException(name + ": the compressed image is " + r.getWidth() + " x " + r.getHeight()
                    + " pixels but the header says " + columns + " x " + rows);
        }
        if (r.getNumBands() != 1) {
            throw new CorruptFileException(name + " holds a colour image (" + r.getNumBands()
                    + " samples per pixel); a CT has one");
        }
        DataBuffer db = r.getDataBuffer();
        if (r.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == 1
                && db.getNumBanks() == 1 && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0) {
            int stride = sm.getScanlineStride();
            int base = db.getOffset() + sm.getBandOffsets()[0];
            if (db instanceof DataBufferUShort us) {
                short[] src = us.getData();
                for (int y = 0; y < rows; y++) {
                    System.arraycopy(src, base + y * stride, dst, dstOff + y * columns, columns);
                }
                return;
            }
            if (db instanceof DataBufferByte bb) {
                byte[] src = bb.getData();
                for (int y = 0; y < rows; y++) {
                    int s = base + y * stride;
                    int d = dstOff + y * columns;
                    for (int x = 0; x < columns; x++) {
                        dst[d + x] = (short) (src[s + x] & 0xff);
                    }
                }
                return;
            }
        }
        int[] row = new int[columns];
        for (int y = 0; y < rows; y++) {
            r.getSamples(0, y, columns, 1, 0, row);
            for (int x = 0; x < columns; x++) {
                dst[dstOff + y * columns + x] = (short) row[x];
            }
        }
    }

    /** {marker, precision} of the first SOF marker of a JPEG stream (SOFn or JPEG-LS SOF55/LSE). */
    static int[] jpegFrameHeader(byte[] d, int off, int len, String name) throws CorruptFileException {
        int end = off + len;
        int p = off;
        if (len < 4 || (d[p] & 0xff) != 0xFF || (d[p + 1] & 0xff) != 0xD8) {
            throw new CorruptFileException(name + " has JPEG data that does not start with a JPEG marker");
        }
        p += 2;
        while (p + 4 <= end) {
            if ((d[p] & 0xff) != 0xFF) {
                p++;
                continue;
            }
            int m = d[p + 1] & 0xff;
            if (m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                p++;
                continue;
            }
            int segLen = ((d[p + 2] & 0xff) << 8) | (d[p + 3] & 0xff);
            boolean sof = (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) || m == 0xF7;
            if (sof) {
                if (p + 4 >= end) {
                    break;
                }
                return new int[] {m, d[p + 4] & 0xff};
            }
            if (m == 0xF8) { // JPEG-LS preset parameters before SOF55
                return new int[] {m, 0};
            }
            if (m == 0xDA || m == 0xD9) {
                break;
            }
            p += 2 + segLen;
        }
        throw new CorruptFileException(name + " has JPEG data without a frame header");
    }

    /** Reads the SIZ marker of a J2K code stream, or of the code stream inside a JP2 file. */
    static J2kParameters j2kParameters(byte[] d, int off, int len, String name) throws CorruptFileException {
        int end = off + len;
        for (int p = off; p + 42 < end; p++) {
            if ((d[p] & 0xff) == 0xFF && (d[p + 1] & 0xff) == 0x4F && (d[p + 2] & 0xff) == 0xFF
                    && (d[p + 3] & 0xff) == 0x51) {
                int ssiz = d[p + 4 + 2 + 2 + 32 + 2] & 0xff; // SOC, SIZ marker, Lsiz, Rsiz, 8 x 4 bytes, Csiz
                return new J2kParameters((ssiz & 0x7F) + 1, (ssiz & 0x80) != 0);
            }
            if (p - off > 4096) {
                break;
            }
        }
        throw new CorruptFileException(name + " has JPEG 2000 data without a SIZ header");
    }

    private static ImageReader jpegReader() throws CtInputException {
        ImageReaderSpi spi = jpegSpi;
        if (spi == null) {
            spi = jpegSpi = findSpi("jpeg", TWELVEMONKEYS_JPEG);
        }
        return create(spi);
    }

    private static ImageReader jpeg2000Reader() throws CtInputException {
        ImageReaderSpi spi = j2kSpi;
        if (spi == null) {
            spi = j2kSpi = findSpi("jpeg2000", JAI_JPEG2000);
        }
        return create(spi);
    }

    private static ImageReader create(ImageReaderSpi spi) throws CtInputException {
        try {
            return spi.createReaderInstance();
        } catch (IOException e) {
            throw new CtInputException("the " + spi.getDescription(Locale.ROOT) + " could not be started: " + e.getMessage(), e);
        }
    }

    /** The registered reader SPI of the wanted plug-in; the JDK's own JPEG reader cannot do lossless. */
    private static synchronized ImageReaderSpi findSpi(String format, String packagePrefix) throws CtInputException {
        ImageIO.setUseCache(false);
        for (int attempt = 0; attempt < 2; attempt++) {
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
            while (it.hasNext()) {
                ImageReader r = it.next();
                if (r.getClass().getName().startsWith(packagePrefix) && r.getOriginatingProvider() != null) {
                    return r.getOriginatingProvider();
                }
            }
            ImageIO.scanForPlugins(); // the plug-ins may sit on a class loader the registry has not seen yet
        }
        throw new CtInputException("the " + format + " decoder (" + packagePrefix + ") is missing from this "
                + "installation; rebuild SacroGuide with ./sacroguide");
    }
}
