package org.sacroguide.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.model.AuditEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry audit}: the audit trail, oldest first. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Print the audit trail (who, when, what, old and new value, reason), oldest first; with the record keys "
                + "that `correct` needs."})
final class RegistryAuditCommand implements Callable<Integer> {

    @Option(names = "--patient", paramLabel = "ID", description = "Only this patient's entries.")
    String patient;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        List<AuditEntry> entries;
        try (Registry r = db.open()) {
            entries = r.auditTrail(patient == null ? null : patient.trim());
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        for (AuditEntry a : entries) {
            StringBuilder b = new StringBuilder();
            b.append(a.at()).append("  ").append(a.actor()).append("  ").append(a.action()).append(' ').append(a.entity()).append(' ')
                    .append(a.entityKey());
            if (a.patientId() != null) {
                b.append(" (").append(a.patientId()).append(')');
            }
            if (a.field() != null) {
                b.append("  ").append(a.field()).append(": ").append(a.oldValue()).append(" -> ").append(a.newValue());
            } else if (a.newValue() != null) {
                b.append("  ").append(a.newValue());
            }
            if (a.reason() != null) {
                b.append("  reason: ").append(a.reason());
            }
            System.out.println(b);
        }
        return ExitCodes.OK;
    }
}
