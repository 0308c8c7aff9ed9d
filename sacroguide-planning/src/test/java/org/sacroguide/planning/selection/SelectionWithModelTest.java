package org.sacroguide.planning.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sacroguide.anatomy.Side;
import org.sacroguide.anatomy.phantom.Phantom;
import org.sacroguide.anatomy.phantom.PhantomGenerator;
import org.sacroguide.anatomy.phantom.PhantomSpec;
import org.sacroguide.planning.Approach;

/** Selection fed by the CT's sacrum model: fractured sides and the Denis zone come from its fracture candidates. */
class SelectionWithModelTest {

    private static final String CASE_WITHOUT_SIDES = """
            fracture:
              confirmedBy: [CT]
              stability: stable
              corticalDisruption: false
            pain: {localisedToSacrum: true, refractoryToConservativeTreatment: true}
            infection: {local: false, systemic: false}
            coagulation: {inr: 1.0, plateletsPerUl: 250000}
            allergy: {cement: false, contrast: false}
            tumour: {suspected: false}
            canLieProne: true
            """;

    @Test
    void a_unilateral_fracture_on_the_ct_selects_the_oblique_needle_on_that_side() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(21, 3.0).withFractures(PhantomSpec.FractureLines.UNILATERAL_LEFT));
        SelectionDecision d = PatientSelector.bundled().select(CaseFileReader.parse(CASE_WITHOUT_SIDES), Optional.of(ph.truthModel()));
        assertThat(d.verdict()).isEqualTo(Verdict.CANDIDATE);
        assertThat(d.approaches()).containsOnlyKeys(Side.LEFT).containsEntry(Side.LEFT, Approach.OBLIQUE_SI);
        assertThat(d.notes()).anyMatch(n -> n.contains("CT model"));
    }

    @Test
    void a_bilateral_fracture_on_the_ct_selects_vertical_needles_and_its_denis_zone_is_used() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(22, 3.0).withFractures(PhantomSpec.FractureLines.BILATERAL));
        SelectionDecision d = PatientSelector.bundled().select(CaseFileReader.parse(CASE_WITHOUT_SIDES), Optional.of(ph.truthModel()));
        assertThat(d.approaches()).containsEntry(Side.LEFT, Approach.VERTICAL).containsEntry(Side.RIGHT, Approach.VERTICAL);
        assertThat(d.outcomes()).anyMatch(o -> o.rule().id().equals("denis-zone-cortex") && o.finding().contains("zone I"));
    }

    @Test
    void a_side_the_ct_suggests_but_the_case_does_not_list_is_flagged() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(23, 3.0).withFractures(PhantomSpec.FractureLines.BILATERAL));
        SelectionDecision d = PatientSelector.bundled().select(
                CaseFileReader.parse(CASE_WITHOUT_SIDES.replace("  confirmedBy: [CT]", "  confirmedBy: [CT]\n  sides: [left]")),
                Optional.of(ph.truthModel()));
        assertThat(d.notes()).anyMatch(n -> n.contains("right side which the case file does not list"));
    }

    @Test
    void no_fracture_in_the_case_or_on_the_ct_needs_review() throws Exception {
        Phantom ph = PhantomGenerator.generate(PhantomSpec.of(24, 3.0));
        SelectionDecision d = PatientSelector.bundled().select(
                CaseFileReader.parse(CASE_WITHOUT_SIDES.replace("  confirmedBy: [CT]", "  confirmedBy: [CT]\n  sides: []")),
                Optional.of(ph.truthModel()));
        assertThat(d.outcomes()).anyMatch(o -> o.rule().id().equals("fractured-side") && o.status() == RuleOutcome.Status.VIOLATED);
        assertThat(d.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
    }
}
