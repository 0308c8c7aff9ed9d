package org.sacroguide.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.sacroguide.registry.db.Sql;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.Fracture;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.NewPatient;
import org.sacroguide.registry.model.NewProcedure;
import org.sacroguide.registry.model.PatientStatus;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.SchedulePoint;
import org.sacroguide.registry.model.SelectionAnswer;
import org.sacroguide.registry.model.SelectionDecision;
import org.sacroguide.registry.model.Side;
import org.sacroguide.registry.model.StatusChange;

/**
 * Validates and writes records on one open transaction, appending an audit entry for every change. Each
 * method either stores its record completely or throws (a {@link ValidationException} with a message for
 * the coordinator) before anything of it is written; the caller's transaction decides about commit.
 * Obtained from {@link Registry#inOneTransaction}; the single-record methods of {@link Registry} use it too.
 */
public final class RecordWriter {

    static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Cement per side: the registry refuses values outside 0-20 mL (a sacral ala takes a few mL). */
    public static final double MAX_CEMENT_ML = 20.0;
    /** Baseline assessments count up to this many days before the procedure. */
    public static final int BASELINE_DAYS_BEFORE = 30;

    private final Connection c;
    private final String actor;
    private final Clock clock;

    RecordWriter(Connection c, String actor, Clock clock) {
        this.c = c;
        this.actor = actor;
        this.clock = clock;
    }

    /** Today in the registry's clock (validation refuses dates after it). */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A step that may be refused. */
    @FunctionalInterface
    public interface Step {
        void run() throws RegistryException, SQLException;
    }

    /**
     * Runs {@code step} inside a savepoint: when it is refused, only its own changes are undone and the
     * refusal is returned; the transaction stays usable for the next step (import reports every bad row).
     *
     * @return null when the step succeeded, else the reason it was refused
     */
    public String attempt(Step step) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            step.run();
            c.releaseSavepoint(sp);
            return null;
        } catch (RegistryException e) {
            c.rollback(sp);
            return e.getMessage();
        } catch (SQLException e) {
            c.rollback(sp);
            return Sql.isUniqueViolation(e) ? "duplicate record: " + firstLine(e.getMessage()) : "refused by the database: " + firstLine(e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            c.rollback(sp);
            return e.getMessage();
        }
    }

    // ---------------------------------------------------------------- patients

    /** Registers a patient; refuses an id that exists already. Returns the database key. */
    public long addPatient(NewPatient p) throws RegistryException, SQLException {
        checkPatientId(p.patientId());
        int year = today().getYear();
        if (p.birthYear() < year - 120 || p.birthYear() > year) {
            throw new ValidationException("birth year must be between " + (year - 120) + " and " + year + ", was " + p.birthYear()
                    + " (patient " + p.patientId() + ")");
        }
        if (findPatientKey(p.patientId()) != null) {
            throw new ValidationException("patient id " + p.patientId() + " already exists in the registry; choose another "
                    + "pseudonym or record this information for the existing patient");
        }
        long key;
        try {
            key = insert("INSERT INTO patient (patient_id, sex, birth_year, status, created_at) VALUES (?, ?, ?, 'ACTIVE', ?)", ps -> {
                ps.setString(1, p.patientId());
                ps.setString(2, p.sex().name());
                ps.setInt(3, p.birthYear());
                ps.setObject(4, now());
            });
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new ValidationException("patient id " + p.patientId() + " already exists in the registry; choose another "
                        + "pseudonym or record this information for the existing patient");
            }
            throw e;
        }
        audit("CREATE", "patient", key, p.patientId(), null, null, "sex=" + p.sex() + "; birth_year=" + p.birthYear(), null);
        return key;
    }

    /** Records a confirmed fracture line on one side. */
    public long addFracture(String patientId, Fracture f) throws RegistryException, SQLException {
        long pk = requirePatient(patientId);
        if (f.imagingDate().isAfter(today())) {
            throw new ValidationException("imaging date " + f.imagingDate() + " is in the future (patient " + patientId + ")");
        }
        long key = insert("INSERT INTO fracture (patient_key, side, denis_zone, modality, imaging_date, note) VALUES (?, ?, ?, ?, ?, ?)", ps -> {
            ps.setLong(1, pk);
            ps.setString(2, f.side().name());
            Sql.setInt(ps, 3, f.zone() == null ? null : f.zone().number());
            ps.setString(4, f.modality().name());
            Sql.setDate(ps, 5, f.imagingDate());
            Sql.setString(ps, 6, blankToNull(f.note()));
        });
        audit("CREATE", "fracture", key, patientId, null, null, "side=" + f.side() + "; denis_zone=" + (f.zone() == null ? "" : f.zone())
                + "; modality=" + f.modality() + "; imaging_date=" + f.imagingDate(), null);
        return key;
    }

    /** Records a selection decision (the newest one counts). */
    public long addSelection(String patientId, SelectionDecision d) throws RegistryException, SQLException {
        long pk = requirePatient(patientId);
        if (d.decidedOn().isAfter(today())) {
            throw new ValidationException("selection date " + d.decidedOn() + " is in the future (patient " + patientId + ")");
        }
        long key = insert("INSERT INTO selection_decision (patient_key, answer, decided_on, reasons, source) VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setLong(1, pk);
            ps.setString(2, d.answer().name());
            Sql.setDate(ps, 3, d.decidedOn());
            Sql.setString(ps, 4, blankToNull(d.reasons()));
            Sql.setString(ps, 5, blankToNull(d.source()));
        });
        audit("CREATE", "selection_decision", key, patientId, null, null, "answer=" + d.answer() + "; decided_on=" + d.decidedOn(), null);
        return key;
    }

    // ---------------------------------------------------------------- procedures

    /** Records a procedure with its sides (and its baseline pain score when given). Returns its key. */
    public long addProcedure(String patientId, NewProcedure p) throws RegistryException, SQLException {
        long pk = requirePatient(patientId);
        if (p.performedOn().isAfter(today())) {
            throw new ValidationException("procedure date " + p.performedOn() + " is in the future (patient " + patientId + ")");
        }
        if (p.sides().isEmpty() || p.sides().size() > 2) {
            throw new ValidationException("a procedure treats the left side, the right side or both; " + p.sides().size()
                    + " sides were given (patient " + patientId + ")");
        }
        Set<Side> treated = EnumSet.noneOf(Side.class);
        for (ProcedureSide s : p.sides()) {
            if (!treated.add(s.side())) {
                throw new ValidationException("the " + s.side().lower() + " side is given twice for one procedure (patient " + patientId + ")");
            }
            checkCement(s.side(), s.cementMl());
            if (s.needleGauge() != null && (s.needleGauge() < 6 || s.needleGauge() > 22)) {
                throw new ValidationException("needle gauge on the " + s.side().lower() + " side must be between 6 and 22 G, was "
                        + s.needleGauge() + " G");
            }
        }
        if (p.baselineVas() != null) {
            checkVas(p.baselineVas(), "baseline VAS");
        }
        String override = blankToNull(p.overrideReason());
        Set<Side> fractured = fractureSides(pk, p.performedOn());
        for (Side s : treated) {
            if (!fractured.contains(s) && override == null) {
                throw new ValidationException("procedure on the " + s.lower() + " side of patient " + patientId
                        + ", which has no fracture on that side confirmed by imaging on or before " + p.performedOn()
                        + " (recorded: " + (fractured.isEmpty() ? "none" : sidesText(fractured))
                        + "); record the fracture first, or give an override reason to record the procedure anyway");
            }
        }
        SelectionAnswer latest = latestSelection(pk);
        if (latest == SelectionAnswer.NOT_A_CANDIDATE && override == null) {
            throw new ValidationException("patient " + patientId + " was judged not a candidate at selection; give an override "
                    + "reason to record a procedure anyway");
        }
        long key = insert("INSERT INTO procedure_record (patient_key, performed_on, sedation, override_reason, complications, "
                + "major_complication) VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setLong(1, pk);
                    Sql.setDate(ps, 2, p.performedOn());
                    ps.setString(3, p.sedation().name());
                    Sql.setString(ps, 4, override);
                    Sql.setString(ps, 5, blankToNull(p.complications()));
                    ps.setBoolean(6, p.majorComplication());
                });
        StringBuilder summary = new StringBuilder("performed_on=" + p.performedOn() + "; sedation=" + p.sedation());
        List<ProcedureSide> ordered = new ArrayList<>(p.sides());
        ordered.sort((a, b) -> a.side().compareTo(b.side()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO procedure_side (procedure_key, side, approach, needle_gauge, "
                + "cement_ml, extravasation) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ProcedureSide s : ordered) {
                ps.setLong(1, key);
                ps.setString(2, s.side().name());
                ps.setString(3, s.approach().name());
                Sql.setInt(ps, 4, s.needleGauge());
                ps.setDouble(5, s.cementMl());
                ps.setString(6, s.extravasation().name());
                ps.addBatch();
                summary.append("; ").append(s.side().lower()).append('=').append(s.approach()).append(' ')
                        .append(s.needleGauge() == null ? "" : s.needleGauge() + "G ").append(num(s.cementMl())).append(" mL ")
                        .append(s.extravasation());
            }
            ps.executeBatch();
        }
        if (override != null) {
            summary.append("; override_reason=").append(override);
        }
        summary.append("; major_complication=").append(p.majorComplication());
        audit("CREATE", "procedure", key, patientId, null, null, summary.toString(), override);
        if (p.baselineVas() != null) {
            insertFollowUp(pk, key, patientId, new NewFollowUp(p.performedOn(), org.sacroguide.registry.model.FollowUpMethod.CLINIC,
                    SchedulePoint.BASELINE, null, null, p.baselineVas(), null, null, "baseline recorded with the procedure"));
        }
        return key;
    }

    // ---------------------------------------------------------------- follow-ups

    /**
     * Records a follow-up contact for the patient's procedure: the newest procedure on or before the contact
     * date, or for a baseline the procedure within 30 days after it. Returns its key.
     */
    public long addFollowUp(String patientId, NewFollowUp f) throws RegistryException, SQLException {
        long pk = requirePatient(patientId);
        PatientStatus status = patientStatus(pk);
        if (status == PatientStatus.WITHDRAWN || status == PatientStatus.DECEASED) {
            throw new ValidationException("patient " + patientId + " is " + Codes.text(status) + "; record a status change to "
                    + "active before recording a follow-up");
        }
        if (f.contactOn().isAfter(today())) {
            throw new ValidationException("follow-up date " + f.contactOn() + " is in the future (patient " + patientId + ")");
        }
        if (f.vas() != null) {
            checkVas(f.vas(), "VAS");
        }
        if (f.odi() != null && (f.odi() < 0 || f.odi() > 100)) {
            throw new ValidationException("ODI (Oswestry Disability Index) must be between 0 and 100, was " + f.odi());
        }
        List<long[]> procs = procedures(pk); // {key, epochDay}
        if (procs.isEmpty()) {
            throw new ValidationException("patient " + patientId + " has no recorded procedure; record the procedure before its "
                    + "follow-ups");
        }
        long day = f.contactOn().toEpochDay();
        long[] chosen = null;
        if (f.timepoint() == SchedulePoint.BASELINE) {
            for (long[] pr : procs) {
                if (day <= pr[1] && day >= pr[1] - BASELINE_DAYS_BEFORE) {
                    chosen = pr;
                    break;
                }
            }
            if (chosen == null) {
                throw new ValidationException("a baseline assessment must be dated on the procedure day or up to "
                        + BASELINE_DAYS_BEFORE + " days before it; " + f.contactOn() + " fits no procedure of patient " + patientId
                        + " (procedures: " + procedureDates(procs) + ")");
            }
        } else {
            for (long[] pr : procs) {
                if (pr[1] <= day) {
                    chosen = pr;
                }
            }
            if (chosen == null) {
                throw new ValidationException("follow-up on " + f.contactOn() + " is dated before the procedure on "
                        + LocalDate.ofEpochDay(procs.get(0)[1]) + " (patient " + patientId + "); check the date, or record it as "
                        + "the baseline assessment");
            }
        }
        return insertFollowUp(pk, chosen[0], patientId, f);
    }

    private long insertFollowUp(long pk, long procedureKey, String patientId, NewFollowUp f) throws SQLException, RegistryException {
        LocalDate procDate = procedureDate(procedureKey);
        SchedulePoint tp = f.timepoint() != null ? f.timepoint()
                : SchedulePoint.containing(procDate, f.contactOn()).orElse(SchedulePoint.UNSCHEDULED);
        if (tp == SchedulePoint.BASELINE && f.contactOn().isAfter(procDate)) {
            throw new ValidationException("a baseline assessment must be dated on or before the procedure day " + procDate
                    + ", was " + f.contactOn() + " (patient " + patientId + ")");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM follow_up WHERE procedure_key = ? AND timepoint = ? "
                + "AND contact_on = ?")) {
            ps.setLong(1, procedureKey);
            ps.setString(2, tp.name());
            ps.setObject(3, f.contactOn());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new ValidationException("a " + tp.label() + " follow-up on " + f.contactOn() + " is already recorded for patient "
                            + patientId + "; correct it instead of entering it twice");
                }
            }
        }
        long key = insert("INSERT INTO follow_up (patient_key, procedure_key, contact_on, method, timepoint, pain_left, pain_right, "
                + "vas, odi, analgesics, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setLong(1, pk);
                    ps.setLong(2, procedureKey);
                    Sql.setDate(ps, 3, f.contactOn());
                    ps.setString(4, f.method().name());
                    ps.setString(5, tp.name());
                    Sql.setBoolean(ps, 6, f.painLeft());
                    Sql.setBoolean(ps, 7, f.painRight());
                    Sql.setDouble(ps, 8, f.vas());
                    Sql.setInt(ps, 9, f.odi());
                    Sql.setEnum(ps, 10, f.analgesics());
                    Sql.setString(ps, 11, blankToNull(f.note()));
                });
        audit("CREATE", "follow_up", key, patientId, null, null, "contact_on=" + f.contactOn() + "; timepoint=" + tp + "; method=" + f.method()
                + "; pain_left=" + str(f.painLeft()) + "; pain_right=" + str(f.painRight()) + "; vas=" + (f.vas() == null ? "" : num(f.vas()))
                + "; odi=" + str(f.odi()) + "; analgesics=" + str(f.analgesics()), null);
        return key;
    }

    // ---------------------------------------------------------------- status

    /** Records loss to follow-up, withdrawal, death, or a return to active follow-up. */
    public void changeStatus(String patientId, StatusChange s) throws RegistryException, SQLException {
        long pk = requirePatient(patientId);
        if (s.effectiveOn().isAfter(today())) {
            throw new ValidationException("status date " + s.effectiveOn() + " is in the future (patient " + patientId + ")");
        }
        PatientStatus old = patientStatus(pk);
        try (PreparedStatement ps = c.prepareStatement("UPDATE patient SET status = ?, status_since = ?, status_reason = ? WHERE id = ?")) {
            ps.setString(1, s.status().name());
            ps.setObject(2, s.effectiveOn());
            Sql.setString(ps, 3, blankToNull(s.reason()));
            ps.setLong(4, pk);
            ps.executeUpdate();
        }
        audit("STATUS", "patient", pk, patientId, "status", old.name(), s.status().name() + " since " + s.effectiveOn(), blankToNull(s.reason()));
    }

    // ---------------------------------------------------------------- corrections

    /**
     * Corrects one field of a stored record. The correction is validated like a new value, written, and
     * kept in the audit trail with the old value, the new value and the reason; nothing is overwritten
     * silently. Supported fields are listed by {@link Correction#FIELDS}.
     */
    public void correct(Correction k) throws RegistryException, SQLException {
        if (k.reason() == null || k.reason().isBlank()) {
            throw new ValidationException("a correction needs a reason (e.g. \"typing error, VAS was 3 on the call sheet\")");
        }
        Correction.Field field = Correction.field(k.entity(), k.field());
        String table = field.table();
        String where = " WHERE t." + field.keyColumn() + " = ?" + field.extra();
        String patientId;
        String oldValue;
        try (PreparedStatement ps = c.prepareStatement("SELECT t." + field.column() + " AS v, p.patient_id AS pid FROM " + table + " t "
                + joinToPatient(table) + where)) {
            ps.setLong(1, k.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("there is no " + k.entity() + " with key " + k.key()
                            + (field.extra().isEmpty() ? "" : " and that side"));
                }
                Object v = rs.getObject("v");
                oldValue = v == null ? null : v.toString();
                patientId = rs.getString("pid");
            }
        }
        Object newValue;
        try {
            newValue = field.parse(k.newValue());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(k.field() + ": " + e.getMessage());
        }
        checkCorrection(field, k.key(), newValue);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " t SET " + field.column() + " = ?" + where)) {
            if (newValue == null) {
                ps.setNull(1, field.sqlType());
            } else if (newValue instanceof Enum<?> e) {
                ps.setString(1, e.name());
            } else {
                ps.setObject(1, newValue);
            }
            ps.setLong(2, k.key());
            ps.executeUpdate();
        }
        String shown = newValue == null ? null : newValue instanceof Enum<?> e ? e.name() : newValue.toString();
        audit("CORRECT", k.entity().trim().toLowerCase(Locale.ROOT), k.key(), patientId, k.field().trim().toLowerCase(Locale.ROOT),
                oldValue, shown, k.reason().trim());
    }

    private void checkCorrection(Correction.Field field, long key, Object v) throws ValidationException, SQLException {
        switch (field.column()) {
            case "vas" -> {
                if (v != null) {
                    checkVas((Double) v, "VAS");
                }
            }
            case "odi" -> {
                if (v != null && ((Integer) v < 0 || (Integer) v > 100)) {
                    throw new ValidationException("ODI (Oswestry Disability Index) must be between 0 and 100, was " + v);
                }
            }
            case "cement_ml" -> checkCement(null, (Double) v);
            case "needle_gauge" -> {
                if (v != null && ((Integer) v < 6 || (Integer) v > 22)) {
                    throw new ValidationException("needle gauge must be between 6 and 22 G, was " + v + " G");
                }
            }
            case "birth_year" -> {
                int year = today().getYear();
                int b = (Integer) v;
                if (b < year - 120 || b > year) {
                    throw new ValidationException("birth year must be between " + (year - 120) + " and " + year + ", was " + b);
                }
            }
            case "contact_on" -> {
                LocalDate d = (LocalDate) v;
                if (d.isAfter(today())) {
                    throw new ValidationException("follow-up date " + d + " is in the future");
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT p.performed_on, f.timepoint FROM follow_up f JOIN procedure_record p "
                        + "ON p.id = f.procedure_key WHERE f.id = ?")) {
                    ps.setLong(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        LocalDate proc = rs.getObject(1, LocalDate.class);
                        boolean baseline = "BASELINE".equals(rs.getString(2));
                        if (!baseline && d.isBefore(proc)) {
                            throw new ValidationException("follow-up on " + d + " would be dated before the procedure on " + proc);
                        }
                        if (baseline && (d.isAfter(proc) || d.isBefore(proc.minusDays(BASELINE_DAYS_BEFORE)))) {
                            throw new ValidationException("a baseline assessment must be dated on the procedure day " + proc
                                    + " or up to " + BASELINE_DAYS_BEFORE + " days before it, was " + d);
                        }
                    }
                }
            }
            default -> {
                // enumerations and text: parsing was the check
            }
        }
    }

    private static String joinToPatient(String table) {
        return switch (table) {
            case "patient" -> "JOIN patient p ON p.id = t.id";
            case "procedure_side" -> "JOIN procedure_record pr ON pr.id = t.procedure_key JOIN patient p ON p.id = pr.patient_key";
            default -> "JOIN patient p ON p.id = t.patient_key";
        };
    }

    // ---------------------------------------------------------------- checks and lookups

    static void checkPatientId(String id) throws ValidationException {
        if (id == null || !PATIENT_ID.matcher(id).matches()) {
            throw new ValidationException("patient id must be a pseudonym of 1-64 letters, digits, '.', '_' or '-' starting with a "
                    + "letter or digit (never a name), was '" + id + "'");
        }
    }

    static void checkVas(double vas, String what) throws ValidationException {
        if (!(vas >= 0 && vas <= 10)) {
            throw new ValidationException(what + " must be between 0 and 10, was " + num(vas));
        }
    }

    static void checkCement(Side side, double ml) throws ValidationException {
        if (!(ml >= 0 && ml <= MAX_CEMENT_ML)) {
            throw new ValidationException("cement volume" + (side == null ? "" : " on the " + side.lower() + " side")
                    + " must be between 0 and " + num(MAX_CEMENT_ML) + " mL, was " + num(ml) + " mL");
        }
    }

    Long findPatientKey(String patientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM patient WHERE patient_id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private long requirePatient(String patientId) throws SQLException, ValidationException {
        Long pk = patientId == null ? null : findPatientKey(patientId.trim());
        if (pk == null) {
            throw new ValidationException("there is no patient with id " + patientId + " in the registry; add the patient first");
        }
        return pk;
    }

    private PatientStatus patientStatus(long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM patient WHERE id = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return PatientStatus.valueOf(rs.getString(1));
            }
        }
    }

    private Set<Side> fractureSides(long pk, LocalDate onOrBefore) throws SQLException {
        Set<Side> s = EnumSet.noneOf(Side.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT side FROM fracture WHERE patient_key = ? AND imaging_date <= ?")) {
            ps.setLong(1, pk);
            ps.setObject(2, onOrBefore);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    s.add(Side.valueOf(rs.getString(1)));
                }
            }
        }
        return s;
    }

    private SelectionAnswer latestSelection(long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT answer FROM selection_decision WHERE patient_key = ? "
                + "ORDER BY decided_on DESC, id DESC")) {
            ps.setLong(1, pk);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? SelectionAnswer.valueOf(rs.getString(1)) : null;
            }
        }
    }

    /** The patient's procedures as {key, epoch day}, oldest first. */
    private List<long[]> procedures(long pk) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, performed_on FROM procedure_record WHERE patient_key = ? "
                + "ORDER BY performed_on, id")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getObject(2, LocalDate.class).toEpochDay()});
                }
            }
        }
        return out;
    }

    private LocalDate procedureDate(long procedureKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT performed_on FROM procedure_record WHERE id = ?")) {
            ps.setLong(1, procedureKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, LocalDate.class);
            }
        }
    }

    private static String procedureDates(List<long[]> procs) {
        List<String> s = new ArrayList<>();
        for (long[] p : procs) {
            s.add(LocalDate.ofEpochDay(p[1]).toString());
        }
        return String.join(", ", s);
    }

    private static String sidesText(Set<Side> sides) {
        List<String> s = new ArrayList<>();
        for (Side x : sides) {
            s.add(x.lower());
        }
        return String.join(" and ", s);
    }

    // ---------------------------------------------------------------- SQL plumbing

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private long insert(String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            binder.bind(ps);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no key for a new record");
                }
                return keys.getLong(1);
            }
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private void audit(String action, String entity, long key, String patientId, String field, String oldValue, String newValue,
            String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (recorded_at, actor, action, entity, entity_key, patient_id, "
                + "field, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, now());
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, entity);
            ps.setLong(5, key);
            Sql.setString(ps, 6, patientId);
            Sql.setString(ps, 7, field);
            Sql.setString(ps, 8, clip(oldValue));
            Sql.setString(ps, 9, clip(newValue));
            Sql.setString(ps, 10, clip(reason));
            ps.executeUpdate();
        }
    }

    /** A number as people write it: "11", "20.5", "-0.5". */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String clip(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3990) + " ...";
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }
}
