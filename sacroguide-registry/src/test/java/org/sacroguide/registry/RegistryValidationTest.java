package org.sacroguide.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sacroguide.registry.model.AuditEntry;
import org.sacroguide.registry.model.CohortData;
import org.sacroguide.registry.model.Side;

/** Impossible values are refused with a clear message and leave nothing behind (H2 and PostgreSQL). */
class RegistryValidationTest {

    @TempDir
    Path tmp;

    private static final LocalDate DAY = Records.PROCEDURE_DAY;

    private static void patientWithBilateralFracture(Registry r, String id) throws RegistryException {
        r.addPatient(Records.woman(id, 1940), Records.fractures(Side.LEFT, Side.RIGHT), null);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refuses_cement_below_zero_or_above_20_ml(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            patientWithBilateralFracture(r, "P-1");
            assertThatThrownBy(() -> r.recordProcedure("P-1", Records.bilateral(DAY, -1.0, 2.0)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("cement volume on the left side must be between 0 and 20 mL, was -1 mL");
            assertThatThrownBy(() -> r.recordProcedure("P-1", Records.bilateral(DAY, 2.0, 20.5)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("cement volume on the right side must be between 0 and 20 mL, was 20.5 mL");
            assertThat(r.snapshot().procedures()).isEmpty();
            r.recordProcedure("P-1", Records.bilateral(DAY, 0.0, 20.0));
            assertThat(r.snapshot().procedures()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refuses_vas_outside_0_to_10(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            patientWithBilateralFracture(r, "P-1");
            r.recordProcedure("P-1", Records.bilateral(DAY, 2, 2));
            int before = r.snapshot().followUps().size();
            assertThatThrownBy(() -> r.recordFollowUp("P-1", Records.call(DAY.plusMonths(3), 11.0, false, false)))
                    .isInstanceOf(ValidationException.class).hasMessage("VAS must be between 0 and 10, was 11");
            assertThatThrownBy(() -> r.recordFollowUp("P-1", Records.call(DAY.plusMonths(3), -0.5, false, false)))
                    .isInstanceOf(ValidationException.class).hasMessage("VAS must be between 0 and 10, was -0.5");
            assertThat(r.snapshot().followUps()).hasSize(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refuses_a_follow_up_dated_before_the_procedure(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            patientWithBilateralFracture(r, "P-1");
            r.recordProcedure("P-1", Records.bilateral(DAY, 2, 2));
            assertThatThrownBy(() -> r.recordFollowUp("P-1", Records.call(DAY.minusDays(3), 5.0, true, true)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("follow-up on 2024-03-01 is dated before the procedure on 2024-03-04 (patient P-1)");
            assertThatThrownBy(() -> r.recordFollowUp("NOBODY", Records.call(DAY, 5.0, true, true)))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("there is no patient with id NOBODY");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refuses_a_procedure_on_a_side_without_fracture_unless_an_override_reason_is_given(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            r.addPatient(Records.woman("P-2", 1938), Records.fractures(Side.LEFT), null);
            assertThatThrownBy(() -> r.recordProcedure("P-2", Records.unilateral(DAY, Side.RIGHT, 3.0, null)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("procedure on the right side of patient P-2, which has no fracture on that side")
                    .hasMessageContaining("(recorded: left)")
                    .hasMessageContaining("give an override reason");
            assertThat(r.snapshot().procedures()).isEmpty();
            r.recordProcedure("P-2", Records.unilateral(DAY, Side.RIGHT, 3.0, "fracture seen on the control CT only"));
            assertThat(r.snapshot().procedures()).singleElement()
                    .satisfies(p -> assertThat(p.overrideReason()).isEqualTo("fracture seen on the control CT only"));
            assertThat(r.auditTrail("P-2")).anySatisfy(a -> {
                assertThat(a.entity()).isEqualTo("procedure");
                assertThat(a.reason()).isEqualTo("fracture seen on the control CT only");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refuses_a_duplicate_patient_id_and_keeps_the_first(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            r.addPatient(Records.woman("P-1", 1940));
            assertThatThrownBy(() -> r.addPatient(Records.woman("P-1", 1950), Records.fractures(Side.LEFT), null))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("patient id P-1 already exists in the registry");
            CohortData d = r.snapshot();
            assertThat(d.patients()).singleElement().satisfies(p -> assertThat(p.birthYear()).isEqualTo(1940));
            assertThat(d.fractures()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void a_refused_write_of_several_records_leaves_nothing_behind(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            int auditBefore = r.auditTrail(null).size();
            // The patient and the first fracture are valid; the second fracture is dated in the future.
            var fractures = new java.util.ArrayList<>(Records.fractures(Side.LEFT));
            fractures.add(new org.sacroguide.registry.model.Fracture(Side.RIGHT, null,
                    org.sacroguide.registry.model.ImagingModality.CT, LocalDate.now().plusDays(5), null));
            assertThatThrownBy(() -> r.addPatient(Records.woman("P-9", 1944), fractures, null))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("is in the future");
            assertThat(r.patientCount()).isZero();
            assertThat(r.snapshot().fractures()).isEmpty();
            assertThat(r.auditTrail(null)).hasSize(auditBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void every_change_is_in_the_audit_trail_and_corrections_are_new_entries(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            patientWithBilateralFracture(r, "P-1");
            r.recordProcedure("P-1", Records.bilateral(DAY, 2, 2.5));
            long fu = r.recordFollowUp("P-1", Records.call(DAY.plusMonths(3), 6.0, true, false));
            List<AuditEntry> before = r.auditTrail("P-1");
            assertThat(before).extracting(AuditEntry::action).containsOnly("CREATE");
            assertThat(before).extracting(AuditEntry::entity)
                    .containsExactly("patient", "fracture", "fracture", "procedure", "follow_up", "follow_up");
            assertThat(before).allSatisfy(a -> {
                assertThat(a.actor()).isEqualTo("test coordinator");
                assertThat(a.at()).isNotNull();
            });

            r.correct(new Correction("follow_up", fu, "vas", "3", "typing error: the call sheet says 3"));
            assertThatThrownBy(() -> r.correct(new Correction("follow_up", fu, "vas", "11", "wrong again")))
                    .isInstanceOf(ValidationException.class).hasMessage("VAS must be between 0 and 10, was 11");
            assertThatThrownBy(() -> r.correct(new Correction("follow_up", fu, "vas", "4", " ")))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("needs a reason");
            long proc = r.snapshot().procedures().get(0).key();
            r.correct(new Correction("procedure", proc, "right_cement_ml", "2.8", "volume from the injector log"));

            List<AuditEntry> after = r.auditTrail("P-1");
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.subList(before.size(), after.size())).satisfiesExactly(
                    a -> {
                        assertThat(a.action()).isEqualTo("CORRECT");
                        assertThat(a.field()).isEqualTo("vas");
                        assertThat(a.oldValue()).isEqualTo("6.0");
                        assertThat(a.newValue()).isEqualTo("3.0");
                        assertThat(a.reason()).isEqualTo("typing error: the call sheet says 3");
                    },
                    a -> {
                        assertThat(a.field()).isEqualTo("right_cement_ml");
                        assertThat(a.oldValue()).isEqualTo("2.5");
                        assertThat(a.newValue()).isEqualTo("2.8");
                    });
            CohortData d = r.snapshot();
            assertThat(d.followUps()).filteredOn(f -> f.key() == fu).singleElement()
                    .satisfies(f -> assertThat(f.data().vas()).isEqualTo(3.0));
            assertThat(d.procedures().get(0).side(Side.RIGHT).orElseThrow().cementMl()).isEqualTo(2.8);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refuses_follow_ups_for_withdrawn_patients_and_tracks_loss_to_follow_up(Backend backend) throws Exception {
        try (TestRegistries t = new TestRegistries(backend, tmp)) {
            Registry r = t.fresh();
            patientWithBilateralFracture(r, "P-1");
            r.recordProcedure("P-1", Records.bilateral(DAY, 2, 2));
            r.recordStatus("P-1", new org.sacroguide.registry.model.StatusChange(
                    org.sacroguide.registry.model.PatientStatus.WITHDRAWN, DAY.plusMonths(2), "declined further calls"));
            assertThatThrownBy(() -> r.recordFollowUp("P-1", Records.call(DAY.plusMonths(3), 2.0, false, false)))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("patient P-1 is withdrawn");
            assertThat(r.patient("P-1").orElseThrow().status()).isEqualTo(org.sacroguide.registry.model.PatientStatus.WITHDRAWN);
            assertThat(r.auditTrail("P-1")).last().satisfies(a -> {
                assertThat(a.action()).isEqualTo("STATUS");
                assertThat(a.oldValue()).isEqualTo("ACTIVE");
                assertThat(a.reason()).isEqualTo("declined further calls");
            });
        }
    }
}
