package org.sacroguide.registry.stats;

/** Count, mean, minimum and maximum of a set of values (all NaN when the set is empty). */
public record Summary(int n, double mean, double min, double max) {

    public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN);

    public static Summary of(double[] values, int n) {
        if (n == 0) {
            return EMPTY;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new Summary(n, sum / n, min, max);
    }

    public boolean isEmpty() {
        return n == 0;
    }
}
