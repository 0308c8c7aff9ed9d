package org.sacroguide.registry.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * HAPI FHIR's instance validator (R4 core profiles, offline) set up for registry exports: it also knows the
 * registry's CodeSystem and follow-up Questionnaire, so QuestionnaireResponses are checked against their
 * questions and answer options. Building one takes a few seconds; share it.
 */
public final class FhirBundleValidator {

    /** Counts and messages of one validation. */
    public record Result(List<SingleValidationMessage> messages) {
        public long errors() {
            return messages.stream().filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR
                    || m.getSeverity() == ResultSeverityEnum.FATAL).count();
        }

        public long warnings() {
            return messages.stream().filter(m -> m.getSeverity() == ResultSeverityEnum.WARNING).count();
        }

        /** Errors and warnings, one per line: "ERROR Bundle.entry[3].resource...: message". */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (SingleValidationMessage m : messages) {
                if (m.getSeverity() == ResultSeverityEnum.INFORMATION) {
                    continue;
                }
                b.append(m.getSeverity()).append(' ').append(m.getLocationString()).append(": ").append(m.getMessage()).append('\n');
            }
            return b.toString();
        }
    }

    private final FhirValidator validator;

    /** Resolves the follow-up Questionnaire by its canonical URL (PrePopulatedValidationSupport does not). */
    private static final class Questionnaires implements IValidationSupport {
        private final FhirContext ctx;
        private final Questionnaire questionnaire = FollowUpQuestionnaire.questionnaire();

        Questionnaires(FhirContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public FhirContext getFhirContext() {
            return ctx;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
            if (uri == null || (type != null && !type.isAssignableFrom(Questionnaire.class))) {
                return null;
            }
            String url = uri.contains("|") ? uri.substring(0, uri.indexOf('|')) : uri;
            return FollowUpQuestionnaire.URL.equals(url) ? (T) questionnaire : null;
        }

        @Override
        public String getName() {
            return "SacroGuide follow-up questionnaire";
        }
    }

    public FhirBundleValidator() {
        FhirContext ctx = FhirExporter.context();
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
        ours.addCodeSystem(FhirCodes.codeSystem());
        ours.addResource(FollowUpQuestionnaire.questionnaire());
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), ours, new Questionnaires(ctx),
                new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        validator = ctx.newValidator().registerValidatorModule(module);
    }

    public Result validate(Bundle bundle) {
        ValidationResult r = validator.validateWithResult(bundle);
        return new Result(List.copyOf(r.getMessages()));
    }

    /** Validates JSON text (as written by the export). */
    public Result validate(String json) {
        ValidationResult r = validator.validateWithResult(json);
        return new Result(List.copyOf(r.getMessages()));
    }
}
