package org.sacroguide.registry.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sacroguide.registry.model.CohortData;
import org.sacroguide.registry.model.DueItem;
import org.sacroguide.registry.model.FollowUpRecord;
import org.sacroguide.registry.model.PatientRecord;
import org.sacroguide.registry.model.PatientStatus;
import org.sacroguide.registry.model.ProcedureRecord;
import org.sacroguide.registry.model.SchedulePoint;

/**
 * The coordinator's call list: for every active patient's newest procedure, each schedule point without a
 * recorded contact is DUE when today lies in its window, UPCOMING when the window opens within the
 * look-ahead, and MISSED once the window has closed. Sorted by target date, then patient id.
 */
public final class DueList {

    private DueList() {
    }

    public static List<DueItem> compute(CohortData data, LocalDate today, int daysAhead, boolean includeMissed) {
        if (daysAhead < 0) {
            throw new IllegalArgumentException("days ahead must be >= 0, was " + daysAhead);
        }
        Map<Long, ProcedureRecord> newest = new HashMap<>();
        for (ProcedureRecord p : data.procedures()) {
            ProcedureRecord prev = newest.get(p.patientKey());
            if (prev == null || p.performedOn().isAfter(prev.performedOn())
                    || (p.performedOn().equals(prev.performedOn()) && p.key() > prev.key())) {
                newest.put(p.patientKey(), p);
            }
        }
        Map<Long, Set<SchedulePoint>> done = new HashMap<>();
        for (FollowUpRecord f : data.followUps()) {
            done.computeIfAbsent(f.procedureKey(), k -> EnumSet.noneOf(SchedulePoint.class)).add(f.data().timepoint());
        }
        List<DueItem> out = new ArrayList<>();
        for (PatientRecord patient : data.patients()) {
            if (patient.status() != PatientStatus.ACTIVE) {
                continue;
            }
            ProcedureRecord p = newest.get(patient.key());
            if (p == null) {
                continue;
            }
            Set<SchedulePoint> have = done.getOrDefault(p.key(), EnumSet.noneOf(SchedulePoint.class));
            for (SchedulePoint point : SchedulePoint.SCHEDULE) {
                if (have.contains(point)) {
                    continue;
                }
                LocalDate opens = point.windowOpens(p.performedOn());
                LocalDate closes = point.windowCloses(p.performedOn());
                DueItem.Status status;
                if (today.isAfter(closes)) {
                    status = DueItem.Status.MISSED;
                } else if (!today.isBefore(opens)) {
                    status = DueItem.Status.DUE;
                } else if (!today.plusDays(daysAhead).isBefore(opens)) {
                    status = DueItem.Status.UPCOMING;
                } else {
                    continue;
                }
                if (status == DueItem.Status.MISSED && !includeMissed) {
                    continue;
                }
                out.add(new DueItem(patient.patientId(), p.performedOn(), point, opens, closes, point.target(p.performedOn()), status));
            }
        }
        out.sort(Comparator.comparing(DueItem::target).thenComparing(DueItem::patientId));
        return out;
    }
}
