package org.sacroguide.imaging.dicom;

import org.sacroguide.imaging.CorruptFileException;

/**
 * Encapsulated pixel data (PS3.5 A.4): a Basic Offset Table item, then one or more fragment items, then a
 * sequence delimiter, all little endian. For a single-frame image every fragment belongs to the frame.
 */
final class Fragments {

    private Fragments() {
    }

    /**
     * The frame of a single-frame image as {offset, length} in {@code data} (which starts at the Pixel Data
     * value); several fragments are joined in place, so the result always is one contiguous range.
     */
    static int[] singleFrame(byte[] data, String name) throws CorruptFileException {
        int p = 0;
        boolean first = true;
        int frameStart = -1;
        int frameEnd = -1;
        while (true) {
            if (p + 8 > data.length) {
                if (frameStart >= 0) {
                    break; // missing sequence delimiter at the end of the file: tolerated
                }
                throw new CorruptFileException(name + " is truncated inside its compressed pixel data");
            }
            int tag = ((data[p + 1] & 0xff) << 24) | ((data[p] & 0xff) << 16) | ((data[p + 3] & 0xff) << 8) | (data[p + 2] & 0xff);
            long len = (data[p + 4] & 0xffL) | (data[p + 5] & 0xffL) << 8 | (data[p + 6] & 0xffL) << 16 | (data[p + 7] & 0xffL) << 24;
            p += 8;
            if (tag == Tag.SEQUENCE_DELIMITATION) {
                break;
            }
            if (tag != Tag.ITEM) {
                throw new CorruptFileException(name + " has damaged compressed pixel data (found " + Tag.format(tag)
                        + " where a fragment was expected)");
            }
            if (len > data.length - p) {
                throw new CorruptFileException(name + " is truncated inside its compressed pixel data");
            }
            int l = (int) len;
            if (first) { // Basic Offset Table: not needed for one frame
                first = false;
                p += l;
                continue;
            }
            if (frameStart < 0) {
                frameStart = p;
                frameEnd = p + l;
            } else { // move this fragment next to the previous ones
                System.arraycopy(data, p, data, frameEnd, l);
                frameEnd += l;
            }
            p += l;
        }
        if (frameStart < 0) {
            throw new CorruptFileException(name + " has compressed pixel data without any fragment");
        }
        return new int[] {frameStart, frameEnd - frameStart};
    }
}
