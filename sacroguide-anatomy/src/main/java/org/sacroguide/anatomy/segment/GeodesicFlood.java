package org.sacroguide.anatomy.segment;

/**
 * Competitive geodesic region growing (multi-source Dijkstra with Dial's bucket queue): every voxel of
 * the domain takes the label of the seed from which it is cheapest to reach, where entering a voxel costs
 * its step length times a per-voxel cost factor. With a factor that is high in cortical bone, a label
 * travels freely through its own marrow and pays for every cortex it crosses, so a bone's interior goes to
 * the seed inside the same cortical shell even when, as in an osteoporotic sacrum, the marrow is darker
 * than the joint space between two bones (where a watershed on grey values fails). 6-connected.
 */
public final class GeodesicFlood {

    private GeodesicFlood() {
    }

    /**
     * Labels (0 = unlabelled, modified in place) spread through {@code domain}; {@code costPerMm} is the
     * cost of one mm inside each voxel, in integer units, at least 1. Returns the geodesic cost of each
     * voxel from its seed (Integer.MAX_VALUE where unreached).
     */
    public static int[] flood(byte[] labels, boolean[] domain, int[] costPerMm, Grid3 g) {
        double[] stepMm = {g.sx(), g.sx(), g.sy(), g.sy(), g.sz(), g.sz()};
        int maxCost = 1;
        for (int n = 0; n < costPerMm.length; n++) {
            if (domain[n]) {
                maxCost = Math.max(maxCost, costPerMm[n]);
            }
        }
        int ring = (int) Math.ceil(maxCost * g.maxSpacingMm()) + 2;
        int[][] bucket = new int[ring][];
        int[] fill = new int[ring];
        int[] dist = new int[labels.length];
        java.util.Arrays.fill(dist, Integer.MAX_VALUE);
        int pending = 0;
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] != 0 && domain[n]) {
                dist[n] = 0;
                push(bucket, fill, 0, n);
                pending++;
            }
        }
        int[] nb = new int[6];
        long d = 0;
        while (pending > 0) {
            int b = (int) (d % ring);
            if (fill[b] == 0) {
                d++;
                continue;
            }
            int n = bucket[b][--fill[b]];
            pending--;
            if (dist[n] != d) {
                continue;
            }
            g.neighbours6(n, nb);
            byte l = labels[n];
            for (int t = 0; t < 6; t++) {
                int q = nb[t];
                if (q < 0 || !domain[q]) {
                    continue;
                }
                int nd = (int) (d + Math.max(1, Math.round(costPerMm[q] * stepMm[t])));
                if (nd < dist[q]) {
                    dist[q] = nd;
                    labels[q] = l;
                    push(bucket, fill, nd % ring, q);
                    pending++;
                }
            }
        }
        return dist;
    }

    private static void push(int[][] bucket, int[] fill, int b, int n) {
        int[] a = bucket[b];
        if (a == null) {
            a = new int[64];
            bucket[b] = a;
        } else if (fill[b] == a.length) {
            a = java.util.Arrays.copyOf(a, a.length * 2);
            bucket[b] = a;
        }
        a[fill[b]++] = n;
    }
}
