package org.sacroguide.fluoro.cement;

import java.util.Arrays;

/**
 * A binary min-heap of voxel indices keyed by double priorities in flat arrays (no boxing), with ties broken
 * by the smaller index so that the order of invasion never depends on insertion order.
 */
final class MinHeap {

    private double[] keys = new double[1024];
    private int[] values = new int[1024];
    private int size;

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void push(double key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!less(key, value, keys[p], values[p])) {
                break;
            }
            keys[i] = keys[p];
            values[i] = values[p];
            i = p;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Removes and returns the value with the smallest key. */
    int pop() {
        int top = values[0];
        size--;
        if (size > 0) {
            double k = keys[size];
            int v = values[size];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && less(keys[c + 1], values[c + 1], keys[c], values[c])) {
                    c++;
                }
                if (!less(keys[c], values[c], k, v)) {
                    break;
                }
                keys[i] = keys[c];
                values[i] = values[c];
                i = c;
            }
            keys[i] = k;
            values[i] = v;
        }
        return top;
    }

    /** The values currently held, in no particular order. */
    int[] values() {
        return Arrays.copyOf(values, size);
    }

    private static boolean less(double k1, int v1, double k2, int v2) {
        return k1 < k2 || (k1 == k2 && v1 < v2);
    }
}
