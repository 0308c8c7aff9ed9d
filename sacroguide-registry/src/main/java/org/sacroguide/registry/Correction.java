package org.sacroguide.registry;

import java.sql.Types;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sacroguide.registry.model.Analgesics;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.FollowUpMethod;
import org.sacroguide.registry.model.ImagingModality;
import org.sacroguide.registry.model.Sedation;
import org.sacroguide.registry.model.Sex;

/**
 * A correction of one field of a stored record: which record ({@code entity}: patient, fracture,
 * procedure or follow_up, and its {@code key} as the audit trail shows it), which field (named as the CSV
 * columns name it, e.g. {@code vas}, {@code left_cement_ml}), the new value as text (empty: clear an
 * optional field) and why. Corrections are validated like new values and appended to the audit trail with
 * the old value; {@link #FIELDS} lists what can be corrected.
 */
public record Correction(String entity, long key, String field, String newValue, String reason) {

    /**
     * A correctable field: its table and column, the row condition (the record key is {@code keyColumn};
     * {@code extra} narrows to one side), how its text is read, and its SQL type for nulls.
     */
    record Field(String table, String column, String keyColumn, String extra, Function<String, Object> parser, int sqlType,
            boolean nullable) {
        Field(String table, String column, Function<String, Object> parser, int sqlType, boolean nullable) {
            this(table, column, "id", "", parser, sqlType, nullable);
        }

        Object parse(String text) {
            if (text == null || text.isBlank()) {
                if (!nullable) {
                    throw new IllegalArgumentException(column + " cannot be empty");
                }
                return null;
            }
            return parser.apply(text.trim());
        }
    }

    /** Correctable fields by entity, as "entity.field". */
    public static final Map<String, Field> FIELDS = fields();

    private static Map<String, Field> fields() {
        Map<String, Field> m = new LinkedHashMap<>();
        m.put("patient.sex", new Field("patient", "sex", Sex::parse, Types.VARCHAR, false));
        m.put("patient.birth_year", new Field("patient", "birth_year", Correction::integer, Types.INTEGER, false));
        m.put("fracture.modality", new Field("fracture", "modality", t -> Codes.parse(ImagingModality.class, t, "modality"), Types.VARCHAR, false));
        m.put("fracture.imaging_date", new Field("fracture", "imaging_date", LocalDate::parse, Types.DATE, false));
        m.put("fracture.denis_zone", new Field("fracture", "denis_zone",
                t -> org.sacroguide.registry.model.DenisZone.parse(t).number(), Types.INTEGER, true));
        m.put("procedure.sedation", new Field("procedure_record", "sedation", t -> Codes.parse(Sedation.class, t, "sedation"), Types.VARCHAR, false));
        m.put("procedure.complications", new Field("procedure_record", "complications", t -> t, Types.VARCHAR, true));
        m.put("procedure.major_complication", new Field("procedure_record", "major_complication", Correction::bool, Types.BOOLEAN, false));
        for (String side : new String[] {"left", "right"}) {
            String where = " AND t.side = '" + side.toUpperCase(Locale.ROOT) + "'";
            m.put("procedure." + side + "_approach", new Field("procedure_side", "approach", "procedure_key", where,
                    t -> Codes.parse(Approach.class, t, "approach"), Types.VARCHAR, false));
            m.put("procedure." + side + "_needle_gauge", new Field("procedure_side", "needle_gauge", "procedure_key", where,
                    Correction::integer, Types.INTEGER, true));
            m.put("procedure." + side + "_cement_ml", new Field("procedure_side", "cement_ml", "procedure_key", where,
                    Correction::decimal, Types.DOUBLE, false));
            m.put("procedure." + side + "_extravasation", new Field("procedure_side", "extravasation", "procedure_key", where,
                    t -> Codes.parse(Extravasation.class, t, "extravasation"), Types.VARCHAR, false));
        }
        m.put("follow_up.contact_on", new Field("follow_up", "contact_on", LocalDate::parse, Types.DATE, false));
        m.put("follow_up.method", new Field("follow_up", "method", t -> Codes.parse(FollowUpMethod.class, t, "method"), Types.VARCHAR, false));
        m.put("follow_up.pain_left", new Field("follow_up", "pain_left", Correction::bool, Types.BOOLEAN, true));
        m.put("follow_up.pain_right", new Field("follow_up", "pain_right", Correction::bool, Types.BOOLEAN, true));
        m.put("follow_up.vas", new Field("follow_up", "vas", Correction::decimal, Types.DOUBLE, true));
        m.put("follow_up.odi", new Field("follow_up", "odi", Correction::integer, Types.INTEGER, true));
        m.put("follow_up.analgesics", new Field("follow_up", "analgesics", t -> Codes.parse(Analgesics.class, t, "analgesics"), Types.VARCHAR, true));
        m.put("follow_up.note", new Field("follow_up", "note", t -> t, Types.VARCHAR, true));
        return Map.copyOf(m);
    }

    static Field field(String entity, String field) throws ValidationException {
        String k = entity.trim().toLowerCase(Locale.ROOT).replace('-', '_') + "." + field.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        Field f = FIELDS.get(k);
        if (f == null) {
            throw new ValidationException("cannot correct " + entity + "." + field + "; correctable fields are "
                    + String.join(", ", new java.util.TreeSet<>(FIELDS.keySet())));
        }
        return f;
    }

    private static Object integer(String t) {
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number, was '" + t + "'");
        }
    }

    private static Object decimal(String t) {
        try {
            return Double.parseDouble(t.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, was '" + t + "'");
        }
    }

    static Boolean bool(String t) {
        return switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> Boolean.TRUE;
            case "no", "n", "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected yes or no, was '" + t + "'");
        };
    }
}
