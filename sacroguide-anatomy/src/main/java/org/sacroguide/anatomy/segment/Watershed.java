package org.sacroguide.anatomy.segment;

/**
 * Seeded watershed by flooding (Meyer): labels spread from seed voxels through a domain in the order of a
 * priority image (here HU: interiors fill before the cortical ridges, so two bones meet on the crest of
 * the bright band between them), with a first-in-first-out bucket queue over the priority range (so on a plateau,
 * such as the fatty marrow of an osteoporotic sacrum, fronts advance breadth-first and meet half-way) and
 * a water level that never falls. 6-connected.
 */
public final class Watershed {

    private static final int MIN = -1024;
    private static final int BUCKETS = 4096 + 1024;

    private Watershed() {
    }

    /** Floods {@code labels} (0 = unlabelled, modified in place) within {@code domain}. */
    public static void flood(byte[] labels, boolean[] domain, short[] priority, Grid3 g) {
        int[][] bucket = new int[BUCKETS][];
        int[] fill = new int[BUCKETS];
        int[] head = new int[BUCKETS];
        int level = BUCKETS;
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] != 0 && domain[n]) {
                int b = bucketOf(priority[n]);
                push(bucket, fill, head, b, n);
                level = Math.min(level, b);
            }
        }
        int nx = g.nx();
        int nxy = g.nx() * g.ny();
        int[] nb = new int[6];
        while (level < BUCKETS) {
            if (head[level] == fill[level]) {
                bucket[level] = null;
                head[level] = 0;
                fill[level] = 0;
                level++;
                continue;
            }
            int n = bucket[level][head[level]++];
            int i = g.i(n);
            int j = g.j(n);
            int k = g.k(n);
            nb[0] = i > 0 ? n - 1 : -1;
            nb[1] = i < g.nx() - 1 ? n + 1 : -1;
            nb[2] = j > 0 ? n - nx : -1;
            nb[3] = j < g.ny() - 1 ? n + nx : -1;
            nb[4] = k > 0 ? n - nxy : -1;
            nb[5] = k < g.nz() - 1 ? n + nxy : -1;
            byte l = labels[n];
            for (int q : nb) {
                if (q >= 0 && domain[q] && labels[q] == 0) {
                    labels[q] = l;
                    int b = Math.max(level, bucketOf(priority[q]));
                    push(bucket, fill, head, b, q);
                }
            }
        }
    }

    private static int bucketOf(short hu) {
        return Math.max(0, Math.min(BUCKETS - 1, hu - MIN));
    }

    private static void push(int[][] bucket, int[] fill, int[] head, int b, int n) {
        int[] a = bucket[b];
        if (a == null) {
            a = new int[64];
            bucket[b] = a;
        } else if (fill[b] == a.length) {
            if (head[b] > a.length / 2) {
                System.arraycopy(a, head[b], a, 0, fill[b] - head[b]);
                fill[b] -= head[b];
                head[b] = 0;
            } else {
                a = java.util.Arrays.copyOf(a, a.length * 2);
                bucket[b] = a;
            }
        }
        a[fill[b]++] = n;
    }
}
