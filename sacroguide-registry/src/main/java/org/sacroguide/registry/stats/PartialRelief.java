package org.sacroguide.registry.stats;

import java.util.Set;
import org.sacroguide.registry.model.Side;

/** A patient pain-free on some treated sides and in pain on others at the latest follow-up. */
public record PartialRelief(String patientId, Set<Side> painFree, Set<Side> painful) {

    /** "pain-free on the left, in pain on the right". */
    public String describe() {
        return "pain-free on the " + text(painFree) + ", in pain on the " + text(painful);
    }

    /** "left pain-free, right in pain", for tables. */
    public String brief() {
        return text(painFree) + " pain-free, " + text(painful) + " in pain";
    }

    private static String text(Set<Side> s) {
        return s.stream().map(Side::lower).reduce((a, b) -> a + " and " + b).orElse("");
    }
}
