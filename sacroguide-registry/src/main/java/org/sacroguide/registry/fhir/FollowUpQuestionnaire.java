package org.sacroguide.registry.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * The follow-up as a FHIR Questionnaire: the questions the coordinator asks on the telephone call (or the
 * clinic visit), in the order of the registry's follow-up record. Each recorded follow-up is exported as a
 * QuestionnaireResponse to it.
 */
public final class FollowUpQuestionnaire {

    public static final String URL = "https://sacroguide.org/fhir/Questionnaire/sacroplasty-follow-up";
    public static final String VERSION = "1";

    private FollowUpQuestionnaire() {
    }

    public static Questionnaire questionnaire() {
        Questionnaire q = new Questionnaire();
        q.setUrl(URL);
        q.setVersion(VERSION);
        q.setName("SacroplastyFollowUp");
        q.setTitle("Sacroplasty follow-up (telephone call or clinic visit)");
        q.setStatus(Enumerations.PublicationStatus.ACTIVE);
        q.setExperimental(true);
        q.addSubjectType(ResourceType.Patient.name());
        q.setDescription("Follow-up after CT-guided sacroplasty at the usual schedule points (baseline, 24-48 h, 1, 3, 6 and 12 "
                + "months): pain per side, pain score 0-10, Oswestry Disability Index, analgesics. SacroGuide research and "
                + "training software, not for clinical use.");
        q.setText(FhirCodes.narrative("Sacroplasty follow-up questionnaire (8 questions)."));
        choice(q.addItem().setLinkId("timepoint").setText("Schedule point of this contact").setType(QuestionnaireItemType.CHOICE)
                .setRequired(true), List.of("baseline", "24-48h", "1m", "3m", "6m", "12m", "unscheduled"));
        choice(q.addItem().setLinkId("method").setText("How was the patient reached?").setType(QuestionnaireItemType.CHOICE)
                .setRequired(true), List.of("telephone", "clinic"));
        q.addItem().setLinkId("pain-left").setText("Do you have pain on the left side of the lower back or buttock?")
                .setType(QuestionnaireItemType.BOOLEAN);
        q.addItem().setLinkId("pain-right").setText("Do you have pain on the right side of the lower back or buttock?")
                .setType(QuestionnaireItemType.BOOLEAN);
        q.addItem().setLinkId("vas").setText("On a scale from 0 (no pain) to 10 (worst pain imaginable), how strong is your pain now?")
                .setType(QuestionnaireItemType.DECIMAL).addCode(FhirCodes.painScore().getCodingFirstRep());
        q.addItem().setLinkId("odi").setText("Oswestry Disability Index (0-100), when assessed").setType(QuestionnaireItemType.INTEGER);
        choice(q.addItem().setLinkId("analgesics").setText("Which pain medication do you take now?").setType(QuestionnaireItemType.CHOICE),
                List.of("none", "non-opioid", "opioid"));
        q.addItem().setLinkId("note").setText("Notes").setType(QuestionnaireItemType.TEXT);
        return q;
    }

    private static void choice(Questionnaire.QuestionnaireItemComponent item, List<String> codes) {
        for (String c : codes) {
            Coding coding = FhirCodes.localCoding(c);
            item.addAnswerOption().setValue(coding);
        }
    }
}
