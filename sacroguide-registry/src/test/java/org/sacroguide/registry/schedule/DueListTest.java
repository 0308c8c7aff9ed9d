package org.sacroguide.registry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.registry.Backend;
import org.sacroguide.registry.Records;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.TestRegistries;
import org.sacroguide.registry.model.DueItem;
import org.sacroguide.registry.model.FollowUpMethod;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.PatientStatus;
import org.sacroguide.registry.model.SchedulePoint;
import org.sacroguide.registry.model.Side;
import org.sacroguide.registry.model.StatusChange;

/** The coordinator's list of calls follows the schedule and skips patients who cannot be called. */
class DueListTest {

    @TempDir
    Path tmp;

    static final LocalDate DAY = LocalDate.of(2026, 1, 5);
    static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 11, 24).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void each_schedule_point_without_a_contact_is_due_upcoming_or_missed() throws Exception {
        try (TestRegistries t = new TestRegistries(Backend.H2, tmp)) {
            Registry r = t.open(t.freshLocation(), CLOCK);
            r.addPatient(Records.woman("A", 1940), Records.fractures(Side.LEFT, Side.RIGHT), null);
            r.addPatient(Records.woman("B", 1945), Records.fractures(Side.LEFT, Side.RIGHT), null);
            r.addPatient(Records.woman("C", 1950), Records.fractures(Side.LEFT, Side.RIGHT), null);
            for (String id : List.of("A", "B", "C")) {
                r.recordProcedure(id, Records.bilateral(DAY, 2, 2)); // with a baseline VAS
            }
            r.recordFollowUp("A", new NewFollowUp(DAY.plusDays(1), FollowUpMethod.CLINIC, null, false, false, 3.0, null, null, null));
            r.recordFollowUp("A", Records.call(DAY.plusDays(30), 2.0, false, false));

            // On day 80 after the procedure: the 3-month window (days 75-120) is open.
            LocalDate today = DAY.plusDays(80);
            List<DueItem> due = r.due(today, 14, false);
            assertThat(due).extracting(DueItem::patientId, DueItem::point, DueItem::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("A", SchedulePoint.M3, DueItem.Status.DUE),
                    org.assertj.core.groups.Tuple.tuple("B", SchedulePoint.M3, DueItem.Status.DUE),
                    org.assertj.core.groups.Tuple.tuple("C", SchedulePoint.M3, DueItem.Status.DUE));
            assertThat(due.get(0).windowOpens()).isEqualTo(DAY.plusDays(75));
            assertThat(due.get(0).windowCloses()).isEqualTo(DAY.plusDays(120));

            List<DueItem> withMissed = r.due(today, 14, true);
            assertThat(withMissed).filteredOn(d -> d.status() == DueItem.Status.MISSED)
                    .extracting(DueItem::patientId, DueItem::point).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("B", SchedulePoint.H24_48),
                            org.assertj.core.groups.Tuple.tuple("B", SchedulePoint.M1),
                            org.assertj.core.groups.Tuple.tuple("C", SchedulePoint.H24_48),
                            org.assertj.core.groups.Tuple.tuple("C", SchedulePoint.M1));

            // C cannot be reached and is recorded as lost: C drops off the list. On day 140 the 6-month window
            // (opening on day 150) is upcoming for A and B.
            r.recordStatus("C", new StatusChange(PatientStatus.LOST_TO_FOLLOW_UP, DAY.plusDays(100), "no answer to 3 calls"));
            List<DueItem> later = r.due(DAY.plusDays(140), 14, false);
            assertThat(later).extracting(DueItem::patientId, DueItem::point, DueItem::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("A", SchedulePoint.M6, DueItem.Status.UPCOMING),
                    org.assertj.core.groups.Tuple.tuple("B", SchedulePoint.M6, DueItem.Status.UPCOMING));
            assertThat(r.due(DAY.plusDays(140), 0, false)).isEmpty();
        }
    }

    @Test
    void a_contact_counts_for_the_schedule_point_whose_window_holds_it() {
        assertThat(SchedulePoint.containing(DAY, DAY)).contains(SchedulePoint.BASELINE);
        assertThat(SchedulePoint.containing(DAY, DAY.plusDays(2))).contains(SchedulePoint.H24_48);
        assertThat(SchedulePoint.containing(DAY, DAY.plusDays(10))).isEmpty();
        assertThat(SchedulePoint.containing(DAY, DAY.plusDays(100))).contains(SchedulePoint.M3);
        assertThat(SchedulePoint.containing(DAY, DAY.plusDays(365))).contains(SchedulePoint.M12);
        assertThat(SchedulePoint.containing(DAY, DAY.plusDays(500))).isEmpty();
        assertThat(SchedulePoint.parse("24-48h")).isEqualTo(SchedulePoint.H24_48);
        assertThat(SchedulePoint.parse("3 months")).isEqualTo(SchedulePoint.M3);
        for (SchedulePoint p : SchedulePoint.values()) {
            assertThat(SchedulePoint.parse(p.code())).isEqualTo(p);
        }
    }
}
