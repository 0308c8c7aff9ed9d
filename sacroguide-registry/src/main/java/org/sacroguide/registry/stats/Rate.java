package org.sacroguide.registry.stats;

/** {@code count} of {@code of}, with the share in percent (NaN when {@code of} is 0). */
public record Rate(int count, int of) {

    public double percent() {
        return of == 0 ? Double.NaN : 100.0 * count / of;
    }
}
