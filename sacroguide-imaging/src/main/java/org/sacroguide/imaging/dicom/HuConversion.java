package org.sacroguide.imaging.dicom;

/**
 * Stored pixel values to Hounsfield units, in place (PS3.3 C.7.6.3.1.4 and C.11.1.1.2): keep the low
 * {@code bits} bits, read them as two's complement when signed, apply {@code HU = stored * slope +
 * intercept}, round and clamp to int16. The common case (integer intercept, slope 1) takes a tight integer
 * loop.
 */
final class HuConversion {

    private HuConversion() {
    }

    /** Converts {@code a[off, off+n)} in place; returns how many values were clamped to int16. */
    static int apply(short[] a, int off, int n, int bits, boolean signed, double slope, double intercept) {
        int b = Math.max(1, Math.min(16, bits));
        int mask = b == 16 ? 0xFFFF : (1 << b) - 1;
        int shift = 32 - b;
        int end = off + n;
        int clamped = 0;
        if (slope == 1 && intercept == Math.rint(intercept) && Math.abs(intercept) <= 65536) {
            int c = (int) intercept;
            if (signed) {
                if (b == 16 && c == 0) {
                    return 0; // already int16 HU
                }
                for (int i = off; i < end; i++) {
                    int v = ((a[i] << shift) >> shift) + c;
                    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                        clamped++;
                        v = v < Short.MIN_VALUE ? Short.MIN_VALUE : Short.MAX_VALUE;
                    }
                    a[i] = (short) v;
                }
            } else {
                for (int i = off; i < end; i++) {
                    int v = (a[i] & mask) + c;
                    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                        clamped++;
                        v = v < Short.MIN_VALUE ? Short.MIN_VALUE : Short.MAX_VALUE;
                    }
                    a[i] = (short) v;
                }
            }
            return clamped;
        }
        for (int i = off; i < end; i++) {
            int s = signed ? (a[i] << shift) >> shift : a[i] & mask;
            double hu = Math.rint(s * slope + intercept);
            if (hu < Short.MIN_VALUE || hu > Short.MAX_VALUE) {
                clamped++;
                hu = hu < Short.MIN_VALUE ? Short.MIN_VALUE : Short.MAX_VALUE;
            }
            a[i] = (short) hu;
        }
        return clamped;
    }
}
