package org.sacroguide.app;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.RegistryException;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.DenisZone;
import org.sacroguide.registry.model.Fracture;
import org.sacroguide.registry.model.ImagingModality;
import org.sacroguide.registry.model.NewPatient;
import org.sacroguide.registry.model.SelectionAnswer;
import org.sacroguide.registry.model.SelectionDecision;
import org.sacroguide.registry.model.Sex;
import org.sacroguide.registry.model.Side;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry add-patient}: registers a patient with the fracture and the selection decision. */
@Command(name = "add-patient", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register a patient under a pseudonymous id (never a name), with the fracture found on imaging and the "
                + "selection decision, in one transaction."},
        footer = {"", "Example:", "  sacroguide registry add-patient --id P-017 --sex female --birth-year 1944 \\",
            "      --fracture-side bilateral --denis-zone 1 --imaging mri --imaging-date 2026-10-02 --selection candidate"})
final class RegistryAddPatientCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, paramLabel = "ID",
            description = "Pseudonymous patient id: letters, digits, '.', '_', '-' (e.g. P-017). Must be new.")
    String id;

    @Option(names = "--sex", required = true, paramLabel = "SEX", description = "female, male, other or unknown (F/M also accepted).")
    String sex;

    @Option(names = "--birth-year", required = true, paramLabel = "YEAR", description = "Year of birth (no full date needed).")
    int birthYear;

    @Option(names = "--fracture-side", paramLabel = "SIDE", description = "left, right or bilateral: the sacral insufficiency fracture.")
    String fractureSide;

    @Option(names = "--denis-zone", paramLabel = "ZONE", description = "Denis zone of the fracture: 1, 2 or 3 (optional).")
    String denisZone;

    @Option(names = "--imaging", paramLabel = "MODALITY", description = "Imaging that confirmed the fracture: mri, ct or bone-scan.")
    String imaging;

    @Option(names = "--imaging-date", paramLabel = "DATE", description = "Date of that imaging (YYYY-MM-DD).")
    LocalDate imagingDate;

    @Option(names = "--selection", paramLabel = "ANSWER", description = "Selection decision: candidate, not-a-candidate or needs-review.")
    String selection;

    @Option(names = "--selection-date", paramLabel = "DATE", description = "Date of the decision (default: today).")
    LocalDate selectionDate;

    @Option(names = "--selection-reasons", paramLabel = "TEXT", description = "Reasons for the decision, as free text.")
    String selectionReasons;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        NewPatient patient = new NewPatient(id, Sex.parse(sex), birthYear);
        List<Fracture> fractures = new ArrayList<>();
        if (fractureSide != null) {
            if (imaging == null || imagingDate == null) {
                throw new ExitCodes.UsageException("--fracture-side needs --imaging (mri, ct or bone-scan) and --imaging-date");
            }
            DenisZone zone = denisZone == null ? null : DenisZone.parse(denisZone);
            ImagingModality modality = Codes.parse(ImagingModality.class, imaging, "--imaging");
            for (Side s : sides(fractureSide)) {
                fractures.add(new Fracture(s, zone, modality, imagingDate, null));
            }
        } else if (imaging != null || imagingDate != null || denisZone != null) {
            throw new ExitCodes.UsageException("--imaging, --imaging-date and --denis-zone describe a fracture: give --fracture-side too");
        }
        SelectionDecision decision = selection == null ? null : new SelectionDecision(
                Codes.parse(SelectionAnswer.class, selection, "--selection"),
                selectionDate == null ? RegistryDbOptions.today() : selectionDate, selectionReasons, "sacroguide registry add-patient");
        try (Registry r = db.open()) {
            long key = r.addPatient(patient, fractures, decision);
            System.out.println("registered patient " + patient.patientId() + " (key " + key + ")"
                    + (fractures.isEmpty() ? "" : fractures.size() == 2 ? " with a fracture on both sides"
                            : " with a fracture on the " + fractures.get(0).side().lower() + " side")
                    + (decision == null ? "" : ", selection " + Codes.text(decision.answer())));
        } catch (RegistryException e) {
            throw RegistryDbOptions.translate(e);
        }
        return ExitCodes.OK;
    }

    static List<Side> sides(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "b", "both", "bilateral" -> List.of(Side.LEFT, Side.RIGHT);
            default -> List.of(Side.parse(t));
        };
    }
}
