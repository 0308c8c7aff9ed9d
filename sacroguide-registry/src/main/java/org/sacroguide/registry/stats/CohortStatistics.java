package org.sacroguide.registry.stats;

import java.util.List;
import java.util.Map;
import org.sacroguide.registry.model.Extravasation;

/**
 * The cohort's numbers, in the order of a paper's Results section. Patients are counted as treated when
 * they have at least one procedure; sex and age refer to treated patients (age = year of the first
 * procedure minus birth year). A treatment is one procedure (one or both sides). Follow-up means long-term
 * follow-up as in the paper: contacts at least {@value CohortCalculator#LONG_TERM_MIN_DAYS} days after the
 * procedure, evaluated at each patient's latest such contact (earlier contacts, e.g. at 24-48 h, enter only
 * the VAS curve):
 * <ul>
 * <li>pain-free patient: no pain on any treated side (patients with pain recorded for every treated side);</li>
 * <li>technical success: cement delivered (&gt; 0 mL) on every treated side without extravasation into the
 *     canal or a foramen;</li>
 * <li>clinical success: latest VAS at least 50% below the baseline VAS; where either score is missing,
 *     pain-free on every treated side;</li>
 * <li>major complication: as flagged on the procedure record.</li>
 * </ul>
 */
public record CohortStatistics(
        int patientsRegistered,
        int patientsTreated,
        int treatments,
        int women,
        int men,
        int otherOrUnknownSex,
        Summary ageYears,
        int bilateral,
        int unilateral,
        Summary cementPerTreatmentMl,
        Summary cementPerSideMl,
        Map<Extravasation, Integer> extravasationBySide,
        int treatmentsWithCanalOrForamenLeak,
        int patientsFollowedUp,
        Summary followUpMonths,
        Rate painFreePatients,
        Rate painFreeSides,
        List<PartialRelief> partialRelief,
        List<VasPoint> vasOverTime,
        Rate technicalSuccess,
        Rate clinicalSuccess,
        Rate majorComplications,
        int lostToFollowUp,
        int withdrawn,
        int deceased) {

    public CohortStatistics {
        extravasationBySide = Map.copyOf(extravasationBySide);
        partialRelief = List.copyOf(partialRelief);
        vasOverTime = List.copyOf(vasOverTime);
    }

    /** Sides with cement outside the bone, of any location. */
    public int sidesWithExtravasation() {
        int n = 0;
        for (var e : extravasationBySide.entrySet()) {
            if (e.getKey() != Extravasation.NONE) {
                n += e.getValue();
            }
        }
        return n;
    }
}
