package org.sacroguide.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.hl7.fhir.r4.model.Bundle;
import org.sacroguide.registry.AtomicFiles;
import org.sacroguide.registry.fhir.FhirExporter;
import org.sacroguide.registry.model.CohortData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sacroguide registry export-fhir}: the registry as a FHIR R4 Bundle (JSON). */
@Command(name = "export-fhir", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export as a FHIR R4 Bundle (JSON): Patient, Condition (sacral insufficiency fracture, SNOMED CT), "
                + "Procedure (sacroplasty, body site, PMMA, complications), Observations (cement volume, pain score LOINC 72514-3), "
                + "the follow-up Questionnaire and a QuestionnaireResponse per follow-up. Patients appear under their pseudonymous "
                + "id with birth year only. The registry's tests check such bundles with HAPI FHIR's validator (0 errors)."})
final class RegistryExportFhirCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Bundle file to write (JSON).")
    Path output;

    @Option(names = "--patient", paramLabel = "ID", description = "Export only this patient.")
    String patient;

    @Mixin
    RegistryDbOptions db;

    @Override
    public Integer call() throws Exception {
        CohortData data = db.snapshot();
        Bundle bundle = FhirExporter.bundle(data, patient == null ? null : patient.trim(), Instant.now());
        String json = FhirExporter.toJson(bundle);
        AtomicFiles.writeString(output, json);
        System.out.println("wrote " + output + ": " + bundle.getEntry().size() + " resources");
        return ExitCodes.OK;
    }
}
