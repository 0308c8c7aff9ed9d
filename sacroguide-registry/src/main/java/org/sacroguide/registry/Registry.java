package org.sacroguide.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sacroguide.registry.db.Database;
import org.sacroguide.registry.db.Sql;
import org.sacroguide.registry.model.Analgesics;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.AuditEntry;
import org.sacroguide.registry.model.CohortData;
import org.sacroguide.registry.model.DenisZone;
import org.sacroguide.registry.model.DueItem;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.FollowUpMethod;
import org.sacroguide.registry.model.FollowUpRecord;
import org.sacroguide.registry.model.Fracture;
import org.sacroguide.registry.model.FractureRecord;
import org.sacroguide.registry.model.ImagingModality;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.NewPatient;
import org.sacroguide.registry.model.NewProcedure;
import org.sacroguide.registry.model.PatientRecord;
import org.sacroguide.registry.model.PatientStatus;
import org.sacroguide.registry.model.ProcedureRecord;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.SchedulePoint;
import org.sacroguide.registry.model.Sedation;
import org.sacroguide.registry.model.SelectionAnswer;
import org.sacroguide.registry.model.SelectionDecision;
import org.sacroguide.registry.model.SelectionRecord;
import org.sacroguide.registry.model.Sex;
import org.sacroguide.registry.model.Side;
import org.sacroguide.registry.model.StatusChange;
import org.sacroguide.registry.schedule.DueList;
import org.sacroguide.registry.stats.CohortCalculator;
import org.sacroguide.registry.stats.CohortStatistics;

/**
 * The outcomes registry: patients, fractures, selection decisions, procedures, follow-ups and their audit
 * trail in one database (embedded H2 by default, PostgreSQL for a department). Every write method is one
 * transaction: it validates, writes the record and its audit entry, and commits, or it throws and leaves
 * the registry as it was. Safe for use by several threads at once.
 *
 * <pre>{@code
 * try (Registry r = Registry.open(RegistryLocation.defaultEmbedded(), "coordinator")) {
 *     r.addPatient(new NewPatient("P-001", Sex.FEMALE, 1929), List.of(fracture), null);
 *     r.recordFollowUp("P-001", followUp);
 *     CohortStatistics s = r.statistics();
 * }
 * }</pre>
 */
public final class Registry implements AutoCloseable {

    private final Database db;
    private final String actor;
    private final Clock clock;

    private Registry(Database db, String actor, Clock clock) {
        this.db = db;
        this.actor = actor;
        this.clock = clock;
    }

    /**
     * Opens the registry at {@code location}, creating and migrating its schema when needed. {@code actor}
     * names who makes the changes (for the audit trail), e.g. the login name of the coordinator.
     */
    public static Registry open(RegistryLocation location, String actor) throws RegistryException {
        return open(location, actor, Clock.systemDefaultZone());
    }

    /** As {@link #open(RegistryLocation, String)}, with the clock that defines "today" and audit times. */
    public static Registry open(RegistryLocation location, String actor, Clock clock) throws RegistryException {
        Objects.requireNonNull(actor, "actor");
        if (actor.isBlank()) {
            throw new ValidationException("the audit trail needs a name for who makes the changes");
        }
        return new Registry(Database.open(location), actor.trim(), clock);
    }

    public RegistryLocation location() {
        return db.location();
    }

    public String actor() {
        return actor;
    }

    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ writes (one transaction each)

    /**
     * Registers a patient together with the fractures found and the selection decision (null: none yet), in
     * one transaction. Returns the patient's database key.
     */
    public long addPatient(NewPatient patient, List<Fracture> fractures, SelectionDecision selection) throws RegistryException {
        return write(w -> {
            long key = w.addPatient(patient);
            for (Fracture f : fractures) {
                w.addFracture(patient.patientId(), f);
            }
            if (selection != null) {
                w.addSelection(patient.patientId(), selection);
            }
            return key;
        });
    }

    public long addPatient(NewPatient patient) throws RegistryException {
        return addPatient(patient, List.of(), null);
    }

    public long recordFracture(String patientId, Fracture fracture) throws RegistryException {
        return write(w -> w.addFracture(patientId, fracture));
    }

    public long recordSelection(String patientId, SelectionDecision decision) throws RegistryException {
        return write(w -> w.addSelection(patientId, decision));
    }

    /** Records a procedure; returns its key. */
    public long recordProcedure(String patientId, NewProcedure procedure) throws RegistryException {
        return write(w -> w.addProcedure(patientId, procedure));
    }

    /** Records a follow-up contact; returns its key. */
    public long recordFollowUp(String patientId, NewFollowUp followUp) throws RegistryException {
        return write(w -> w.addFollowUp(patientId, followUp));
    }

    /** Records loss to follow-up, withdrawal, death or return to follow-up. */
    public void recordStatus(String patientId, StatusChange change) throws RegistryException {
        write(w -> {
            w.changeStatus(patientId, change);
            return null;
        });
    }

    /** Corrects one field, keeping old and new value with the reason in the audit trail. */
    public void correct(Correction correction) throws RegistryException {
        write(w -> {
            w.correct(correction);
            return null;
        });
    }

    /** Work on a {@link RecordWriter} inside one transaction. */
    @FunctionalInterface
    public interface Batch<T> {
        T run(RecordWriter writer) throws RegistryException, SQLException;
    }

    /**
     * Runs several writes as one transaction (the CSV import): committed only when {@code batch} returns,
     * rolled back when it throws. A process killed meanwhile leaves the registry as it was.
     */
    public <T> T inOneTransaction(Batch<T> batch) throws RegistryException {
        return write(batch);
    }

    private <T> T write(Batch<T> batch) throws RegistryException {
        return db.inTransaction(c -> batch.run(new RecordWriter(c, actor, clock)));
    }

    // ------------------------------------------------------------------ reads

    /** Everything in the registry, read in one transaction. */
    public CohortData snapshot() throws RegistryException {
        return db.inTransaction(Registry::read);
    }

    /** The cohort statistics over everything in the registry. */
    public CohortStatistics statistics() throws RegistryException {
        return CohortCalculator.compute(snapshot());
    }

    /** Follow-ups due from {@code today} (and upcoming within {@code daysAhead}; missed ones when asked). */
    public List<DueItem> due(LocalDate today, int daysAhead, boolean includeMissed) throws RegistryException {
        return DueList.compute(snapshot(), today, daysAhead, includeMissed);
    }

    /** The number of registered patients. */
    public int patientCount() throws RegistryException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM patient"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** The patient with this pseudonymous id, if registered. */
    public Optional<PatientRecord> patient(String patientId) throws RegistryException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM patient WHERE patient_id = ?")) {
                ps.setString(1, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(patient(rs)) : Optional.<PatientRecord>empty();
                }
            }
        });
    }

    /** The audit trail, oldest first: of one patient, or of everything when {@code patientId} is null. */
    public List<AuditEntry> auditTrail(String patientId) throws RegistryException {
        return db.inTransaction(c -> {
            String sql = "SELECT * FROM audit_entry" + (patientId == null ? "" : " WHERE patient_id = ?") + " ORDER BY id";
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (patientId != null) {
                    ps.setString(1, patientId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getLong("id"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                                rs.getString("actor"), rs.getString("action"), rs.getString("entity"), rs.getLong("entity_key"),
                                rs.getString("patient_id"), rs.getString("field"), rs.getString("old_value"), rs.getString("new_value"),
                                rs.getString("reason")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        db.close();
    }

    // ------------------------------------------------------------------ reading rows

    private static CohortData read(Connection c) throws SQLException {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one consistent view; the pool resets it
        List<PatientRecord> patients = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM patient ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            rs.setFetchSize(1000);
            while (rs.next()) {
                patients.add(patient(rs));
            }
        }
        List<FractureRecord> fractures = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM fracture ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Integer zone = Sql.getInt(rs, "denis_zone");
                fractures.add(new FractureRecord(rs.getLong("id"), rs.getLong("patient_key"), new Fracture(
                        Side.valueOf(rs.getString("side")), zone == null ? null : DenisZone.ofNumber(zone),
                        ImagingModality.valueOf(rs.getString("modality")), Sql.getDate(rs, "imaging_date"), rs.getString("note"))));
            }
        }
        List<SelectionRecord> selections = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM selection_decision ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                selections.add(new SelectionRecord(rs.getLong("id"), rs.getLong("patient_key"), new SelectionDecision(
                        SelectionAnswer.valueOf(rs.getString("answer")), Sql.getDate(rs, "decided_on"), rs.getString("reasons"),
                        rs.getString("source"))));
            }
        }
        Map<Long, List<ProcedureSide>> sides = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM procedure_side ORDER BY procedure_key, side");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sides.computeIfAbsent(rs.getLong("procedure_key"), k -> new ArrayList<>(2)).add(new ProcedureSide(
                        Side.valueOf(rs.getString("side")), Approach.valueOf(rs.getString("approach")), Sql.getInt(rs, "needle_gauge"),
                        rs.getDouble("cement_ml"), Extravasation.valueOf(rs.getString("extravasation"))));
            }
        }
        List<ProcedureRecord> procedures = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM procedure_record ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long key = rs.getLong("id");
                List<ProcedureSide> s = sides.getOrDefault(key, List.of()); // LEFT before RIGHT by the ORDER BY
                procedures.add(new ProcedureRecord(key, rs.getLong("patient_key"), Sql.getDate(rs, "performed_on"),
                        Sedation.valueOf(rs.getString("sedation")), s, rs.getString("override_reason"), rs.getString("complications"),
                        rs.getBoolean("major_complication")));
            }
        }
        List<FollowUpRecord> followUps = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM follow_up ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                followUps.add(new FollowUpRecord(rs.getLong("id"), rs.getLong("patient_key"), rs.getLong("procedure_key"),
                        new NewFollowUp(Sql.getDate(rs, "contact_on"), FollowUpMethod.valueOf(rs.getString("method")),
                                SchedulePoint.valueOf(rs.getString("timepoint")), Sql.getBoolean(rs, "pain_left"),
                                Sql.getBoolean(rs, "pain_right"), Sql.getDouble(rs, "vas"), Sql.getInt(rs, "odi"),
                                Sql.getEnum(rs, "analgesics", Analgesics.class), rs.getString("note"))));
            }
        }
        return new CohortData(patients, fractures, selections, procedures, followUps);
    }

    private static PatientRecord patient(ResultSet rs) throws SQLException {
        return new PatientRecord(rs.getLong("id"), rs.getString("patient_id"), Sex.valueOf(rs.getString("sex")), rs.getInt("birth_year"),
                PatientStatus.valueOf(rs.getString("status")), Sql.getDate(rs, "status_since"), rs.getString("status_reason"));
    }
}
