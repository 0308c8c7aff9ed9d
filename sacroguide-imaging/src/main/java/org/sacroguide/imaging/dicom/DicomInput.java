package org.sacroguide.imaging.dicom;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * A forward-only reader of DICOM bytes with a small window buffer, the current byte order and the
 * absolute offset of every byte read (so pixel data can later be read in place). Reads past the end (or
 * past the known stream length) throw {@link EOFException}, which callers turn into "truncated file".
 */
final class DicomInput implements Closeable {

    private final InputStream in;
    private final long length; // total bytes available, or -1 when unknown (inflated streams)
    private byte[] buf;
    private int pos;
    private int lim;
    private long base; // absolute offset of buf[0]
    private boolean bigEndian;

    DicomInput(InputStream in, long length, int bufferBytes) {
        this.in = in;
        this.length = length;
        this.buf = new byte[Math.max(256, bufferBytes)];
    }

    long position() {
        return base + pos;
    }

    /** Bytes known to remain, or {@code Long.MAX_VALUE} when the stream length is unknown. */
    long remaining() {
        return length < 0 ? Long.MAX_VALUE : length - position();
    }

    void bigEndian(boolean b) {
        bigEndian = b;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** Makes at least n bytes available in the window; false when the stream ends first. */
    boolean request(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return !request(1);
    }

    private void need(int n) throws IOException {
        if (!request(n)) {
            throw new EOFException("unexpected end of data at byte " + (base + lim));
        }
    }

    /** The byte at offset {@code ahead} from the current position, or -1 past the end. */
    int peek(int ahead) throws IOException {
        return request(ahead + 1) ? buf[pos + ahead] & 0xff : -1;
    }

    int u8() throws IOException {
        need(1);
        return buf[pos++] & 0xff;
    }

    int u16() throws IOException {
        need(2);
        int a = buf[pos] & 0xff;
        int b = buf[pos + 1] & 0xff;
        pos += 2;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    /** Unsigned 32-bit value as a long. */
    long u32() throws IOException {
        need(4);
        long a = buf[pos] & 0xff;
        long b = buf[pos + 1] & 0xff;
        long c = buf[pos + 2] & 0xff;
        long d = buf[pos + 3] & 0xff;
        pos += 4;
        return bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
    }

    /** A tag as {@code (group << 16) | element}. */
    int tag() throws IOException {
        int g = u16();
        int e = u16();
        return (g << 16) | e;
    }

    byte[] bytes(int n) throws IOException {
        if (n < 0 || n > remaining()) {
            throw new EOFException("a value of " + (n & 0xffffffffL) + " bytes runs past the end of the data");
        }
        byte[] out = new byte[n];
        int have = Math.min(n, lim - pos);
        System.arraycopy(buf, pos, out, 0, have);
        pos += have;
        int off = have;
        while (off < n) {
            int r = in.read(out, off, n - off);
            if (r < 0) {
                throw new EOFException("unexpected end of data at byte " + (base + lim + off - have));
            }
            off += r;
        }
        if (have < n) { // the window was emptied and bypassed
            base += lim + (n - have);
            pos = 0;
            lim = 0;
        }
        return out;
    }

    void skip(long n) throws IOException {
        if (n < 0 || n > remaining()) {
            throw new EOFException("a value of " + n + " bytes runs past the end of the data");
        }
        int have = (int) Math.min(n, lim - pos);
        pos += have;
        long left = n - have;
        if (left == 0) {
            return;
        }
        base += lim + left;
        pos = 0;
        lim = 0;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("unexpected end of data");
                }
                s = 1;
            }
            left -= s;
        }
    }

    /** The unread bytes as a stream (the window's rest, then the underlying stream); ends this reader. */
    InputStream rest() {
        InputStream head = new ByteArrayInputStream(buf, pos, lim - pos);
        base += lim;
        pos = 0;
        lim = 0;
        return new SequenceInputStream(head, in);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
