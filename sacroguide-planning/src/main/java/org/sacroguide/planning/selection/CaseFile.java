package org.sacroguide.planning.selection;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.sacroguide.anatomy.DenisZone;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.planning.Gauge;

/**
 * What the clinician knows about one patient that the CT cannot tell, read from a small YAML or JSON case
 * file ({@link CaseFileReader}; the format is documented in the planning README). Every clinical fact is
 * optional: an absent value is unknown and makes the rules that need it answer NEEDS REVIEW. The case id
 * is a study label, never a name or a hospital number.
 */
public record CaseFile(
        Optional<String> caseId,
        Optional<Set<ImagingModality>> confirmedBy,
        Optional<Set<Side>> fractureSides,
        Optional<DenisZone> denisZone,
        Optional<Boolean> corticalDisruption,
        Optional<SacralLevel> fractureLevel,
        Optional<FractureStability> stability,
        Optional<Boolean> painLocalisedToSacrum,
        Optional<Boolean> painRefractoryToConservativeTreatment,
        Optional<Boolean> localInfection,
        Optional<Boolean> systemicInfection,
        OptionalDouble inr,
        OptionalDouble plateletsPerUl,
        boolean coagulationCorrected,
        Optional<Boolean> cementAllergy,
        Optional<Boolean> contrastAllergy,
        Optional<Boolean> tumourSuspected,
        Optional<Boolean> biopsyDoneOrPlanned,
        Optional<Boolean> canLieProne,
        Optional<ApproachOverride> approachOverride,
        Optional<Gauge> gauge,
        OptionalDouble plannedCementMlPerSide) {

    public CaseFile {
        confirmedBy = confirmedBy.map(Set::copyOf);
        fractureSides = fractureSides.map(Set::copyOf);
        if (inr.isPresent() && !(inr.getAsDouble() > 0 && inr.getAsDouble() < 20)) {
            throw new IllegalArgumentException("inr must be a positive number below 20, was " + inr.getAsDouble());
        }
        if (plateletsPerUl.isPresent() && !(plateletsPerUl.getAsDouble() >= 0 && plateletsPerUl.getAsDouble() < 5e6)) {
            throw new IllegalArgumentException("platelets must be given per uL (e.g. 210000), was " + plateletsPerUl.getAsDouble());
        }
        if (plannedCementMlPerSide.isPresent() && !(plannedCementMlPerSide.getAsDouble() > 0
                && plannedCementMlPerSide.getAsDouble() < 30)) {
            throw new IllegalArgumentException("plannedCementMlPerSide must lie between 0 and 30 mL, was "
                    + plannedCementMlPerSide.getAsDouble());
        }
    }

    /** This case without its gauge and cement preferences (when the command line sets them instead). */
    public CaseFile withoutNeedlePreferences() {
        return new CaseFile(caseId, confirmedBy, fractureSides, denisZone, corticalDisruption, fractureLevel, stability,
                painLocalisedToSacrum, painRefractoryToConservativeTreatment, localInfection, systemicInfection, inr,
                plateletsPerUl, coagulationCorrected, cementAllergy, contrastAllergy, tumourSuspected, biopsyDoneOrPlanned,
                canLieProne, approachOverride, Optional.empty(), OptionalDouble.empty());
    }

    /** A case in which nothing is known (every rule answers NEEDS REVIEW except those the CT decides). */
    public static CaseFile unknown() {
        return new CaseFile(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty());
    }
}
