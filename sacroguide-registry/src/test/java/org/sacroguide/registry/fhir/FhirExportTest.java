package org.sacroguide.registry.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.registry.Backend;
import org.sacroguide.registry.Records;
import org.sacroguide.registry.Registry;
import org.sacroguide.registry.SampleCohort;
import org.sacroguide.registry.TestRegistries;
import org.sacroguide.registry.model.Approach;
import org.sacroguide.registry.model.CohortData;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.NewProcedure;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.Sedation;
import org.sacroguide.registry.model.Side;

/** The FHIR R4 export holds every record kind with standard codes and passes HAPI's validator with 0 errors. */
class FhirExportTest {

    /** One validator for the class: building it and the first validation take seconds. */
    private static FhirBundleValidator validator;

    @TempDir
    static Path tmp;

    private static CohortData sample;

    @BeforeAll
    static void setUp() throws Exception {
        validator = new FhirBundleValidator();
        try (TestRegistries t = new TestRegistries(Backend.H2, tmp)) {
            Registry r = t.fresh();
            SampleCohort.importInto(r);
            // One case with a leak and a free-text complication, so that Procedure.complication is exercised.
            r.addPatient(Records.woman("LEAK-1", 1941), Records.fractures(Side.LEFT, Side.RIGHT), null);
            r.recordProcedure("LEAK-1", new NewProcedure(Records.PROCEDURE_DAY, Sedation.LOCAL_ONLY, List.of(
                    new ProcedureSide(Side.LEFT, Approach.LONG_AXIS, 13, 3.5, Extravasation.VEIN),
                    new ProcedureSide(Side.RIGHT, Approach.VERTICAL, 11, 2.0, Extravasation.NONE)), null,
                    "transient hypotension", false, 7.5));
            sample = r.snapshot();
        }
    }

    private static <T extends Resource> List<T> all(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Warnings the offline validator gives for correct content: LOINC and CPT cannot be checked without a
     * terminology server, and Observation.performer is a best-practice recommendation (the registry records
     * no practitioners).
     */
    private static final List<String> EXPECTED_WARNINGS = List.of(
            "CodeSystem is unknown and can't be validated: http://loinc.org",
            "CodeSystem is unknown and can't be validated: http://www.ama-assn.org/go/cpt",
            "codeSystem 'http://loinc.org' version 'null' is not supported",
            "all observations should have a performer");

    @Test
    void the_bundle_of_the_sample_cohort_is_valid_with_0_errors() {
        Bundle b = FhirExporter.bundle(sample, null, Instant.parse("2026-11-24T12:00:00Z"));
        FhirBundleValidator.Result result = validator.validate(FhirExporter.toJson(b));
        assertThat(result.errors()).as(result.describe()).isZero();
        assertThat(result.messages()).filteredOn(m -> m.getSeverity() == ca.uhn.fhir.validation.ResultSeverityEnum.WARNING)
                .allSatisfy(m -> assertThat(EXPECTED_WARNINGS).anySatisfy(w -> assertThat(m.getMessage()).contains(w)));
    }

    @Test
    void the_bundle_holds_every_record_kind_with_standard_codes() {
        Bundle b = FhirExporter.bundle(sample, null, Instant.parse("2026-11-24T12:00:00Z"));
        assertThat(b.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(b.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith("urn:uuid:"));
        long patients = b.getEntry().stream().filter(e -> e.getResource().getResourceType() == ResourceType.Patient).count();
        assertThat(patients).isEqualTo(14);
        assertThat(b.getEntry()).filteredOn(e -> e.getResource().getResourceType() == ResourceType.Questionnaire).hasSize(1);

        List<Condition> conditions = all(b, Condition.class);
        assertThat(conditions).hasSize(11 * 2 + 2 + 2);
        assertThat(conditions.get(0).getCode().getCoding()).anySatisfy(c -> {
            assertThat(c.getSystem()).isEqualTo("http://snomed.info/sct");
            assertThat(c.getCode()).isEqualTo("443165006:363698007=54735007");
        });
        assertThat(conditions.get(0).getBodySiteFirstRep().getCodingFirstRep().getCode()).isEqualTo("54735007");

        List<Procedure> procedures = all(b, Procedure.class);
        assertThat(procedures).hasSize(14);
        assertThat(procedures).allSatisfy(p -> {
            assertThat(p.getUsedCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("427811002");
            assertThat(p.getBodySite()).isNotEmpty();
            assertThat(p.getCode().getCodingFirstRep().getCode()).isIn("0200T", "0201T");
        });
        Procedure leak = procedures.get(13);
        assertThat(leak.getComplication()).extracting(c -> c.getText())
                .containsExactly("cement extravasation, left side: vein", "transient hypotension");

        List<Observation> observations = all(b, Observation.class);
        List<Observation> cement = observations.stream().filter(o -> "cement-volume".equals(o.getCode().getCodingFirstRep().getCode())).toList();
        assertThat(cement).hasSize(11 * 2 + 2 + 2);
        assertThat(cement.get(0).getValueQuantity().getCode()).isEqualTo("mL");
        List<Observation> pain = observations.stream().filter(o -> "72514-3".equals(o.getCode().getCodingFirstRep().getCode())).toList();
        assertThat(pain).hasSize(13 + 13 + 12 + 1);
        assertThat(pain).allSatisfy(o -> assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org"));

        List<QuestionnaireResponse> responses = all(b, QuestionnaireResponse.class);
        assertThat(responses).hasSize(13 + 13 + 12 + 1);
        assertThat(responses).allSatisfy(r -> assertThat(r.getQuestionnaire()).isEqualTo(FollowUpQuestionnaire.URL));
    }

    @Test
    void one_patient_can_be_exported_alone_and_the_export_is_reproducible() {
        Instant at = Instant.parse("2026-11-24T12:00:00Z");
        Bundle one = FhirExporter.bundle(sample, "SAMPLE-11", at);
        assertThat(all(one, org.hl7.fhir.r4.model.Patient.class)).singleElement()
                .satisfies(p -> assertThat(p.getIdentifierFirstRep().getValue()).isEqualTo("SAMPLE-11"));
        assertThat(FhirExporter.toJson(FhirExporter.bundle(sample, "SAMPLE-11", at))).isEqualTo(FhirExporter.toJson(one));
        FhirBundleValidator.Result result = validator.validate(one);
        assertThat(result.errors()).as(result.describe()).isZero();
    }
}
