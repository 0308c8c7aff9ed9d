package org.sacroguide.registry.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.sacroguide.registry.model.CohortData;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.FollowUpRecord;
import org.sacroguide.registry.model.FractureRecord;
import org.sacroguide.registry.model.NewFollowUp;
import org.sacroguide.registry.model.PatientRecord;
import org.sacroguide.registry.model.ProcedureRecord;
import org.sacroguide.registry.model.ProcedureSide;
import org.sacroguide.registry.model.Side;

/**
 * Exports registry records as a FHIR R4 Bundle (type collection): the registry's CodeSystem and the
 * follow-up Questionnaire, then per patient a Patient (pseudonymous identifier, sex, birth year), one
 * Condition per fracture line, one Procedure per sacroplasty (body site, PMMA as used code, leaks as
 * complications), Observations for the cement volume per side and for every pain score, and a
 * QuestionnaireResponse per follow-up. Resource ids are name-based UUIDs of the registry keys, so the same
 * registry exports the same bundle; references are {@code urn:uuid:} full URLs inside the bundle.
 */
public final class FhirExporter {

    private FhirExporter() {
    }

    /** The shared R4 context (creating one takes a second; HAPI caches it). */
    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    /** The bundle for all patients ({@code patientId} null) or for one. */
    public static Bundle bundle(CohortData data, String patientId, Instant timestamp) {
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.COLLECTION);
        b.setTimestamp(Date.from(timestamp));
        b.getIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + uuid("bundle", patientId == null ? "all" : patientId));
        add(b, FhirCodes.codeSystem(), uuid("codesystem", "registry"));
        add(b, FollowUpQuestionnaire.questionnaire(), uuid("questionnaire", "follow-up"));

        Map<Long, List<FractureRecord>> fractures = new HashMap<>();
        data.fractures().forEach(f -> fractures.computeIfAbsent(f.patientKey(), k -> new ArrayList<>()).add(f));
        Map<Long, List<ProcedureRecord>> procedures = new HashMap<>();
        data.procedures().forEach(p -> procedures.computeIfAbsent(p.patientKey(), k -> new ArrayList<>()).add(p));
        Map<Long, List<FollowUpRecord>> followUps = new HashMap<>();
        data.followUps().forEach(f -> followUps.computeIfAbsent(f.patientKey(), k -> new ArrayList<>()).add(f));
        Map<Long, ProcedureRecord> procByKey = new HashMap<>();
        data.procedures().forEach(p -> procByKey.put(p.key(), p));

        boolean found = false;
        for (PatientRecord p : data.patients()) {
            if (patientId != null && !p.patientId().equals(patientId)) {
                continue;
            }
            found = true;
            String patientUuid = uuid("patient", Long.toString(p.key()));
            Reference subject = ref(patientUuid);
            add(b, patient(p), patientUuid);
            Map<Side, List<String>> conditionBySide = new HashMap<>();
            for (FractureRecord f : fractures.getOrDefault(p.key(), List.of())) {
                String u = uuid("condition", Long.toString(f.key()));
                conditionBySide.computeIfAbsent(f.fracture().side(), k -> new ArrayList<>()).add(u);
                add(b, condition(f, subject), u);
            }
            for (ProcedureRecord pr : procedures.getOrDefault(p.key(), List.of())) {
                String u = uuid("procedure", Long.toString(pr.key()));
                add(b, procedure(pr, subject, conditionBySide), u);
                for (ProcedureSide s : pr.sides()) {
                    add(b, cementObservation(pr, s, subject, ref(u)), uuid("cement", pr.key() + ":" + s.side()));
                }
            }
            for (FollowUpRecord f : followUps.getOrDefault(p.key(), List.of())) {
                String qr = uuid("questionnaire-response", Long.toString(f.key()));
                add(b, questionnaireResponse(f, subject), qr);
                if (f.data().vas() != null) {
                    add(b, painObservation(f, subject, ref(qr), ref(uuid("procedure", Long.toString(f.procedureKey())))),
                            uuid("pain", Long.toString(f.key())));
                }
            }
        }
        if (patientId != null && !found) {
            throw new IllegalArgumentException("there is no patient with id " + patientId + " in the registry");
        }
        return b;
    }

    /** The bundle as pretty-printed JSON. */
    public static String toJson(Bundle bundle) {
        return context().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
    }

    public static byte[] toJsonBytes(Bundle bundle) {
        return toJson(bundle).getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ resources

    private static Patient patient(PatientRecord p) {
        Patient r = new Patient();
        r.addIdentifier().setSystem(FhirCodes.PATIENT_ID_SYSTEM).setValue(p.patientId());
        r.setGender(switch (p.sex()) {
            case FEMALE -> Enumerations.AdministrativeGender.FEMALE;
            case MALE -> Enumerations.AdministrativeGender.MALE;
            case OTHER -> Enumerations.AdministrativeGender.OTHER;
            case UNKNOWN -> Enumerations.AdministrativeGender.UNKNOWN;
        });
        r.setBirthDateElement(new DateType(Integer.toString(p.birthYear())));
        r.setText(FhirCodes.narrative("Registry patient " + p.patientId() + ", " + p.sex().name().toLowerCase(Locale.ROOT)
                + ", born " + p.birthYear() + " (pseudonymous; follow-up status " + Codes.text(p.status()) + ")."));
        return r;
    }

    private static Condition condition(FractureRecord f, Reference subject) {
        Condition c = new Condition();
        c.setClinicalStatus(FhirCodes.concept(FhirCodes.CONDITION_CLINICAL, "active", "Active"));
        c.setVerificationStatus(FhirCodes.concept(FhirCodes.CONDITION_VERIFICATION, "confirmed", "Confirmed"));
        c.addCategory(FhirCodes.concept(FhirCodes.CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis"));
        c.setCode(FhirCodes.sacralInsufficiencyFracture());
        String side = f.fracture().side().lower();
        c.addBodySite(FhirCodes.sacrum(side + " half of the sacrum (sacral ala)"));
        c.setSubject(subject);
        c.setRecordedDateElement(new DateTimeType(f.fracture().imagingDate().toString()));
        c.addEvidence().addCode(new CodeableConcept().setText("confirmed by " + modality(f) + " on " + f.fracture().imagingDate()));
        if (f.fracture().zone() != null) {
            c.addStage().setSummary(new CodeableConcept().setText("Denis zone " + f.fracture().zone().name()))
                    .setType(new CodeableConcept().setText("Denis classification of sacral fractures"));
        }
        if (f.fracture().note() != null) {
            c.addNote(new Annotation(new org.hl7.fhir.r4.model.MarkdownType(f.fracture().note())));
        }
        c.setText(FhirCodes.narrative("Sacral insufficiency fracture, " + side + " side, confirmed by " + modality(f) + " on "
                + f.fracture().imagingDate() + (f.fracture().zone() == null ? "" : ", Denis zone " + f.fracture().zone().name()) + "."));
        return c;
    }

    private static String modality(FractureRecord f) {
        return switch (f.fracture().modality()) {
            case MRI -> "MRI";
            case CT -> "CT";
            case BONE_SCAN -> "bone scan";
        };
    }

    private static Procedure procedure(ProcedureRecord p, Reference subject, Map<Side, List<String>> conditionBySide) {
        Procedure r = new Procedure();
        r.setStatus(Procedure.ProcedureStatus.COMPLETED);
        r.setCode(FhirCodes.sacroplasty(p.bilateral()));
        r.setSubject(subject);
        r.setPerformed(new DateTimeType(p.performedOn().toString()));
        StringBuilder text = new StringBuilder("Sacroplasty on " + p.performedOn() + " under " + Codes.text(p.sedation()).replace('-', ' ') + ":");
        for (ProcedureSide s : p.sides()) {
            r.addBodySite(FhirCodes.sacrum(s.side().lower() + " sacral ala"));
            for (String u : conditionBySide.getOrDefault(s.side(), List.of())) {
                r.addReasonReference(ref(u));
            }
            if (s.extravasation() != Extravasation.NONE) {
                r.addComplication(new CodeableConcept().setText("cement extravasation, " + s.side().lower() + " side: "
                        + Codes.text(s.extravasation()).replace('-', ' ')));
            }
            text.append(' ').append(s.side().lower()).append(" side ").append(Codes.text(s.approach())).append(" approach")
                    .append(s.needleGauge() == null ? "" : ", " + s.needleGauge() + " G needle").append(", ")
                    .append(s.cementMl()).append(" mL PMMA, extravasation ").append(Codes.text(s.extravasation())).append(';');
        }
        if (p.complications() != null) {
            r.addComplication(new CodeableConcept().setText(p.complications()));
        }
        r.addUsedCode(FhirCodes.pmma());
        r.addNote(new Annotation(new org.hl7.fhir.r4.model.MarkdownType(text.toString()
                + (p.majorComplication() ? " major complication." : " no major complication.")
                + (p.overrideReason() == null ? "" : " Override: " + p.overrideReason()))));
        r.setText(FhirCodes.narrative(text.toString()));
        return r;
    }

    private static Observation cementObservation(ProcedureRecord p, ProcedureSide s, Reference subject, Reference procedure) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(FhirCodes.concept(FhirCodes.OBSERVATION_CATEGORY, "procedure", "Procedure"));
        o.setCode(FhirCodes.local("cement-volume"));
        o.setSubject(subject);
        o.addPartOf(procedure);
        o.setEffective(new DateTimeType(p.performedOn().toString()));
        o.setBodySite(FhirCodes.sacrum(s.side().lower() + " sacral ala"));
        o.setValue(new Quantity().setValue(s.cementMl()).setUnit("mL").setSystem(FhirCodes.UCUM).setCode("mL"));
        o.setText(FhirCodes.narrative(s.cementMl() + " mL PMMA injected on the " + s.side().lower() + " side on " + p.performedOn() + "."));
        return o;
    }

    private static Observation painObservation(FollowUpRecord f, Reference subject, Reference response, Reference procedure) {
        NewFollowUp d = f.data();
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(FhirCodes.concept(FhirCodes.OBSERVATION_CATEGORY, "survey", "Survey"));
        o.setCode(FhirCodes.painScore());
        o.setSubject(subject);
        o.setEffective(new DateTimeType(d.contactOn().toString()));
        o.addDerivedFrom(response);
        o.addPartOf(procedure);
        o.setValue(new Quantity().setValue(d.vas()).setUnit("score (0-10)").setSystem(FhirCodes.UCUM).setCode("1"));
        o.setText(FhirCodes.narrative("Pain score " + d.vas() + " of 10 at " + d.timepoint().label() + " (" + d.contactOn() + ")."));
        return o;
    }

    private static QuestionnaireResponse questionnaireResponse(FollowUpRecord f, Reference subject) {
        NewFollowUp d = f.data();
        QuestionnaireResponse r = new QuestionnaireResponse();
        r.setQuestionnaire(FollowUpQuestionnaire.URL);
        r.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        r.setSubject(subject);
        r.setAuthoredElement(new DateTimeType(d.contactOn().toString()));
        answer(r, "timepoint", FhirCodes.localCoding(d.timepoint().code()));
        answer(r, "method", FhirCodes.localCoding(Codes.text(d.method())));
        if (d.painLeft() != null) {
            answer(r, "pain-left", new BooleanType(d.painLeft()));
        }
        if (d.painRight() != null) {
            answer(r, "pain-right", new BooleanType(d.painRight()));
        }
        if (d.vas() != null) {
            answer(r, "vas", new DecimalType(d.vas()));
        }
        if (d.odi() != null) {
            answer(r, "odi", new IntegerType(d.odi()));
        }
        if (d.analgesics() != null) {
            answer(r, "analgesics", FhirCodes.localCoding(Codes.text(d.analgesics())));
        }
        if (d.note() != null) {
            answer(r, "note", new StringType(d.note()));
        }
        r.setText(FhirCodes.narrative("Follow-up (" + d.timepoint().label() + ", " + Codes.text(d.method()) + ") on " + d.contactOn() + "."));
        return r;
    }

    private static void answer(QuestionnaireResponse r, String linkId, org.hl7.fhir.r4.model.Type value) {
        r.addItem().setLinkId(linkId).addAnswer().setValue(value);
    }

    // ------------------------------------------------------------------ plumbing

    private static void add(Bundle b, Resource r, String uuid) {
        r.setId(uuid);
        b.addEntry().setFullUrl("urn:uuid:" + uuid).setResource(r);
    }

    private static Reference ref(String uuid) {
        return new Reference("urn:uuid:" + uuid);
    }

    static String uuid(String kind, String key) {
        return UUID.nameUUIDFromBytes(("sacroguide-registry:" + kind + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }


}
