package org.sacroguide.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.DenisZone;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.FollowUpMethod;
import org.sacroguide.registry.model.Fracture;
import org.sacroguide.registry.model.ImagingModality;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.NewPatient;
import org.sacroguide.registry.model.NewProcedure;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.Sedation;
import org.sacroguide.registry.model.Sex;
import org.sacroguide.registry.model.Side;

/** Small builders for test records. */
public final class Records {

    public static final LocalDate PROCEDURE_DAY = LocalDate.of(2024, 3, 4);

    private Records() {
    }

    public static NewPatient woman(String id, int birthYear) {
        return new NewPatient(id, Sex.FEMALE, birthYear);
    }

    public static List<Fracture> fractures(Side... sides) {
        List<Fracture> out = new ArrayList<>();
        for (Side s : sides) {
            out.add(new Fracture(s, DenisZone.I, ImagingModality.MRI, PROCEDURE_DAY.minusDays(14), null));
        }
        return out;
    }

    public static NewProcedure bilateral(LocalDate day, double leftMl, double rightMl) {
        return new NewProcedure(day, Sedation.CONSCIOUS_SEDATION, List.of(
                new ProcedureSide(Side.LEFT, Approach.VERTICAL, 11, leftMl, Extravasation.NONE),
                new ProcedureSide(Side.RIGHT, Approach.VERTICAL, 11, rightMl, Extravasation.NONE)), null, null, false, 8.0);
    }

    public static NewProcedure unilateral(LocalDate day, Side side, double ml, String overrideReason) {
        return new NewProcedure(day, Sedation.CONSCIOUS_SEDATION, List.of(
                new ProcedureSide(side, Approach.OBLIQUE_SI, 11, ml, Extravasation.NONE)), overrideReason, null, false, null);
    }

    public static NewFollowUp call(LocalDate day, Double vas, Boolean painLeft, Boolean painRight) {
        return new NewFollowUp(day, FollowUpMethod.TELEPHONE, null, painLeft, painRight, vas, null, null, null);
    }
}
