package org.sacroguide.registry.model;

import java.util.List;

/**
 * Everything the registry holds, read in one transaction: the input of the cohort statistics, the
 * exports and the due list. Lists are ordered by database key.
 */
public record CohortData(List<PatientRecord> patients, List<FractureRecord> fractures, List<SelectionRecord> selections,
        List<ProcedureRecord> procedures, List<FollowUpRecord> followUps) {

    public CohortData {
        patients = List.copyOf(patients);
        fractures = List.copyOf(fractures);
        selections = List.copyOf(selections);
        procedures = List.copyOf(procedures);
        followUps = List.copyOf(followUps);
    }
}
