package org.sacroguide.app;

import java.util.concurrent.Callable;
import org.sacroguide.registry.Correction;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry correct}: fix one stored value, with the reason kept in the audit trail. */
@Command(name = "correct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Correct one field of a stored record. The new value is checked like a new entry; the audit trail keeps "
                + "who, when, the old and the new value and the reason. Find the record's key with `sacroguide registry audit`."},
        footer = {"", "Fields: patient sex, birth_year; fracture modality, imaging_date, denis_zone; procedure sedation, complications,",
            "major_complication, left_/right_approach, _needle_gauge, _cement_ml, _extravasation; follow_up contact_on, method,",
            "pain_left, pain_right, vas, odi, analgesics, note.",
            "", "Example:", "  sacroguide registry correct --record follow_up --key 42 --field vas --value 3 \\",
            "      --reason \"typing error, the call sheet says 3\""})
final class RegistryCorrectCommand implements Callable<Integer> {

    @Option(names = "--record", required = true, paramLabel = "KIND", description = "patient, fracture, procedure or follow_up.")
    String record;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The record's key (see the audit trail).")
    long key;

    @Option(names = "--field", required = true, paramLabel = "FIELD", description = "The field, named as in the CSV layout.")
    String field;

    @Option(names = "--value", required = true, paramLabel = "VALUE", description = "The correct value (empty: clear an optional field).")
    String value;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why the value is corrected.")
    String reason;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        try (Registry r = db.open()) {
            r.correct(new Correction(record, key, field, value, reason));
            System.out.println("corrected " + record + " " + key + " " + field + " = " + value);
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        return ExitCodes.OK;
    }
}
