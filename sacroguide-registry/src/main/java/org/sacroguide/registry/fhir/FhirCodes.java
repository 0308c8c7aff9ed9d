package org.sacroguide.registry.fhir;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Narrative;

/**
 * The codes the FHIR export uses, each with where it comes from:
 * <ul>
 * <li>SNOMED CT 443165006 |Osteoporotic fracture of bone|, refined with 363698007 |Finding site| =
 *     54735007 |Bone structure of sacrum| (the post-coordinated expression is sent beside the plain concept)
 *     for the sacral insufficiency fracture of the paper's patients;</li>
 * <li>SNOMED CT 54735007 |Bone structure of sacrum| as body site (with the side in the text);</li>
 * <li>SNOMED CT 427811002 |Polymethyl methacrylate| for the cement (Procedure.usedCode);</li>
 * <li>CPT 0200T / 0201T "Percutaneous sacral augmentation (sacroplasty), unilateral / bilateral" for the
 *     procedure;</li>
 * <li>LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported" for the pain score;</li>
 * <li>UCUM {@code mL} for the cement volume and {@code 1} (dimensionless) for the pain score;</li>
 * <li>the registry's own code system {@value #SACROGUIDE} for what no standard code covers (cement volume
 *     observation, follow-up method, schedule point, analgesics).</li>
 * </ul>
 */
public final class FhirCodes {

    public static final String SNOMED = "http://snomed.info/sct";
    public static final String LOINC = "http://loinc.org";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String SACROGUIDE = "https://sacroguide.org/fhir/CodeSystem/registry";
    public static final String PATIENT_ID_SYSTEM = "https://sacroguide.org/fhir/sid/registry-patient-id";
    public static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static final String OSTEOPOROTIC_FRACTURE = "443165006";
    public static final String FINDING_SITE = "363698007";
    public static final String SACRUM = "54735007";
    public static final String PMMA = "427811002";
    public static final String PAIN_SCORE_LOINC = "72514-3";

    private FhirCodes() {
    }

    /** The sacral insufficiency fracture: post-coordinated SNOMED CT expression and its focus concept. */
    public static CodeableConcept sacralInsufficiencyFracture() {
        CodeableConcept c = new CodeableConcept();
        c.addCoding(new Coding(SNOMED, OSTEOPOROTIC_FRACTURE + ":" + FINDING_SITE + "=" + SACRUM, null));
        c.addCoding(new Coding(SNOMED, OSTEOPOROTIC_FRACTURE, "Osteoporotic fracture of bone"));
        c.setText("Sacral insufficiency fracture");
        return c;
    }

    public static CodeableConcept sacrum(String sideText) {
        return new CodeableConcept(new Coding(SNOMED, SACRUM, "Bone structure of sacrum")).setText(sideText);
    }

    public static CodeableConcept pmma() {
        return new CodeableConcept(new Coding(SNOMED, PMMA, "Polymethyl methacrylate")).setText("PMMA bone cement");
    }

    public static CodeableConcept sacroplasty(boolean bilateral) {
        Coding c = bilateral
                ? new Coding(CPT, "0201T", "Percutaneous sacral augmentation (sacroplasty), bilateral injections")
                : new Coding(CPT, "0200T", "Percutaneous sacral augmentation (sacroplasty), unilateral injection(s)");
        return new CodeableConcept(c).setText("CT-guided sacroplasty with PMMA, " + (bilateral ? "bilateral" : "unilateral"));
    }

    public static CodeableConcept painScore() {
        return new CodeableConcept(new Coding(LOINC, PAIN_SCORE_LOINC, "Pain severity - 0-10 verbal numeric rating [Score] - Reported"))
                .setText("Pain score (VAS 0-10)");
    }

    public static CodeableConcept local(String code) {
        return new CodeableConcept(new Coding(SACROGUIDE, code, display(code))).setText(display(code));
    }

    public static Coding localCoding(String code) {
        return new Coding(SACROGUIDE, code, display(code));
    }

    public static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    private static final String[][] LOCAL = {
        {"cement-volume", "PMMA cement volume injected"},
        {"telephone", "Telephone follow-up"},
        {"clinic", "Clinic visit"},
        {"baseline", "Baseline (before the procedure)"},
        {"24-48h", "24-48 hours after the procedure"},
        {"1m", "1 month after the procedure"},
        {"3m", "3 months after the procedure"},
        {"6m", "6 months after the procedure"},
        {"12m", "12 months after the procedure"},
        {"unscheduled", "Unscheduled contact"},
        {"none", "No analgesics"},
        {"non-opioid", "Non-opioid analgesics"},
        {"opioid", "Opioid analgesics"},
    };

    public static String display(String code) {
        for (String[] c : LOCAL) {
            if (c[0].equals(code)) {
                return c[1];
            }
        }
        throw new IllegalArgumentException("no local code " + code);
    }

    /** The registry's own code system, complete, as a FHIR resource. */
    public static CodeSystem codeSystem() {
        CodeSystem cs = new CodeSystem();
        cs.setUrl(SACROGUIDE);
        cs.setVersion("1");
        cs.setName("SacroGuideRegistry");
        cs.setTitle("SacroGuide outcomes registry codes");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setExperimental(true);
        cs.setDescription("Codes of the SacroGuide outcomes registry for what no standard terminology covers: the cement volume "
                + "observation, follow-up method, schedule point and analgesics. Research and training software, not for clinical use.");
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setCaseSensitive(true);
        for (String[] c : LOCAL) {
            cs.addConcept().setCode(c[0]).setDisplay(c[1]);
        }
        cs.setText(narrative("SacroGuide outcomes registry codes (" + LOCAL.length + " concepts)."));
        return cs;
    }

    /** A generated narrative with one line of text. */
    public static Narrative narrative(String text) {
        Narrative n = new Narrative();
        n.setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + text.replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;") + "</p></div>");
        return n;
    }
}
