package org.sacroguide.registry.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A stored procedure with its treated sides (left before right). */
public record ProcedureRecord(long key, long patientKey, LocalDate performedOn, Sedation sedation, List<ProcedureSide> sides,
        String overrideReason, String complications, boolean majorComplication) {

    public ProcedureRecord {
        sides = List.copyOf(sides);
    }

    public boolean bilateral() {
        return sides.size() == 2;
    }

    public double totalCementMl() {
        double s = 0;
        for (ProcedureSide p : sides) {
            s += p.cementMl();
        }
        return s;
    }

    public Optional<ProcedureSide> side(Side side) {
        return sides.stream().filter(s -> s.side() == side).findFirst();
    }
}
