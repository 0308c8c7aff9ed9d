package org.sacroguide.imaging.dicom;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Lossless JPEG 2000 code streams (reversible 5/3 wavelet, raw J2K without a JP2 wrapper, as DICOM wants)
 * of unsigned 16-bit images, by jai-imageio's JJ2000 writer found through the ImageIO registry.
 */
final class Jpeg2000Encoder {

    private Jpeg2000Encoder() {
    }

    static byte[] encodeLossless(short[] unsignedSamples, int columns, int rows, int bitsStored) throws IOException {
        BufferedImage img = new BufferedImage(columns, rows, BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(unsignedSamples, 0, data, 0, columns * rows);
        ImageWriter writer = writer();
        try {
            J2KImageWriteParam p = (J2KImageWriteParam) writer.getDefaultWriteParam();
            p.setLossless(true);
            p.setFilter(J2KImageWriteParam.FILTER_53);
            p.setWriteCodeStreamOnly(true);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(columns * rows);
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(img, null, null), p);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writer() throws IOException {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg2000"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.github.jaiimageio.jpeg2000")) {
                return w;
            }
        }
        throw new IOException("the JPEG 2000 encoder (jai-imageio-jpeg2000) is missing from this installation");
    }
}
