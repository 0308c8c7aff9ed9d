package org.sacroguide.planning;

/**
 * Bone biopsy needle sizes used for sacroplasty, with their outer diameter in mm (11 G = 3.05 mm,
 * 13 G = 2.41 mm, standard hypodermic gauge table). Clearances are measured from the needle's outer
 * surface, i.e. from its axis minus half this diameter.
 */
public enum Gauge {
    G11(11, 3.05), G13(13, 2.41);

    private final int gauge;
    private final double outerDiameterMm;

    Gauge(int gauge, double outerDiameterMm) {
        this.gauge = gauge;
        this.outerDiameterMm = outerDiameterMm;
    }

    public int gauge() {
        return gauge;
    }

    public double outerDiameterMm() {
        return outerDiameterMm;
    }

    public double outerRadiusMm() {
        return outerDiameterMm / 2;
    }

    /** "11G" as written in plans and reports. */
    public String label() {
        return gauge + "G";
    }

    /** Parses "11", "11G", "11 G" or "G11". */
    public static Gauge parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace(" ", "").replace("G", "");
        for (Gauge g : values()) {
            if (Integer.toString(g.gauge).equals(t)) {
                return g;
            }
        }
        throw new IllegalArgumentException("needle gauge must be 11G or 13G, was '" + text + "'");
    }
}
