package org.sacroguide.planning.selection;

import org.sacroguide.imaging.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.planning.Approach;

class PatientSelectorTest {

    private static final String GOOD = """
            schema: sacroguide-case/1
            caseId: test-001
            fracture:
              confirmedBy: [MRI]
              sides: [left, right]
              denisZone: I
              corticalDisruption: false
              level: S1
              stability: stable
            pain:
              localisedToSacrum: true
              refractoryToConservativeTreatment: true
            infection:
              local: false
              systemic: false
            coagulation:
              inr: 1.1
              plateletsPerUl: 210000
            allergy:
              cement: false
              contrast: false
            tumour:
              suspected: false
            canLieProne: true
            """;

    private final PatientSelector selector = PatientSelector.bundled();

    private SelectionDecision decide(String yaml) throws CaseFileException {
        return selector.select(CaseFileReader.parse(yaml), Optional.empty());
    }

    private static String with(String from, String to) {
        assertThat(GOOD).contains(from);
        return GOOD.replace(from, to);
    }

    private static Set<String> decidingIds(SelectionDecision d) {
        return d.deciding().stream().map(o -> o.rule().id()).collect(Collectors.toSet());
    }

    @Test
    void complete_good_bilateral_case_is_a_candidate_with_vertical_needles() throws Exception {
        SelectionDecision d = decide(GOOD);
        assertThat(d.verdict()).isEqualTo(Verdict.CANDIDATE);
        assertThat(d.treatedSides()).containsExactlyInAnyOrder(Side.LEFT, Side.RIGHT);
        assertThat(d.approaches()).containsEntry(Side.LEFT, Approach.VERTICAL).containsEntry(Side.RIGHT, Approach.VERTICAL);
        assertThat(d.outcomes()).hasSize(selector.table().rules().size());
        assertThat(d.deciding()).allMatch(o -> o.rule().kind() == SelectionRule.Kind.INDICATION);
    }

    @Test
    void every_rule_in_the_table_is_checked_and_has_a_source() throws Exception {
        SelectionDecision d = decide(GOOD);
        assertThat(d.outcomes().stream().map(o -> o.rule().id()).toList())
                .containsExactlyInAnyOrderElementsOf(selector.table().rules().stream().map(SelectionRule::id).toList());
        assertThat(selector.table().rules()).allMatch(r -> r.source().length() > 20);
    }

    @Test
    void unilateral_fracture_gets_the_oblique_needle_on_that_side_only() throws Exception {
        SelectionDecision d = decide(with("sides: [left, right]", "sides: [right]"));
        assertThat(d.verdict()).isEqualTo(Verdict.CANDIDATE);
        assertThat(d.approaches()).containsOnlyKeys(Side.RIGHT).containsEntry(Side.RIGHT, Approach.OBLIQUE_SI);
    }

    @Test
    void inr_1_5_is_not_a_candidate_with_that_reason() throws Exception {
        SelectionDecision d = decide(with("inr: 1.1", "inr: 1.5"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("inr");
        assertThat(d.deciding().get(0).describe()).contains("INR 1.50 > 1.3").contains("Patel");
    }

    @Test
    void corrected_inr_passes() throws Exception {
        assertThat(decide(with("inr: 1.1", "inr: 1.5\n  corrected: true")).verdict()).isEqualTo(Verdict.CANDIDATE);
    }

    @Test
    void low_platelets_are_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("plateletsPerUl: 210000", "plateletsPerUl: 60000"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("platelets");
        assertThat(d.deciding().get(0).finding()).contains("60,000").contains("70,000");
    }

    @Test
    void no_imaging_confirmation_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("confirmedBy: [MRI]", "confirmedBy: []"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("imaging-confirmation");
    }

    @Test
    void missing_imaging_confirmation_needs_review() throws Exception {
        SelectionDecision d = decide(with("  confirmedBy: [MRI]\n", ""));
        assertThat(d.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
        assertThat(decidingIds(d)).containsExactly("imaging-confirmation");
    }

    @Test
    void no_fractured_side_needs_review() throws Exception {
        SelectionDecision d = decide(with("  sides: [left, right]\n", ""));
        assertThat(d.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
        assertThat(decidingIds(d)).containsExactly("fractured-side");
        assertThat(d.approaches()).isEmpty();
    }

    @Test
    void pain_not_localised_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("localisedToSacrum: true", "localisedToSacrum: false"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("pain-localised");
    }

    @Test
    void pain_not_refractory_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("refractoryToConservativeTreatment: true", "refractoryToConservativeTreatment: false"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("pain-refractory");
    }

    @Test
    void systemic_infection_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("systemic: false", "systemic: true"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("no-infection");
        assertThat(d.deciding().get(0).finding()).contains("systemic");
    }

    @Test
    void local_infection_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("local: false", "local: true"));
        assertThat(decidingIds(d)).containsExactly("no-infection");
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
    }

    @Test
    void cement_allergy_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("cement: false", "cement: true"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("no-cement-allergy");
    }

    @Test
    void contrast_allergy_needs_review() throws Exception {
        SelectionDecision d = decide(with("contrast: false", "contrast: true"));
        assertThat(d.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
        assertThat(decidingIds(d)).containsExactly("no-contrast-allergy");
    }

    @Test
    void displaced_h_type_fracture_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("stability: stable", "stability: displaced_h_type"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("stable-fracture");
    }

    @Test
    void combined_ring_fracture_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("stability: stable", "stability: anterior_and_posterior_ring"));
        assertThat(decidingIds(d)).containsExactly("stable-fracture");
    }

    @Test
    void denis_zone_two_with_cortical_disruption_needs_review() throws Exception {
        SelectionDecision d = decide(with("denisZone: I\n  corticalDisruption: false", "denisZone: II\n  corticalDisruption: true"));
        assertThat(d.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
        assertThat(decidingIds(d)).containsExactly("denis-zone-cortex");
        assertThat(d.deciding().get(0).finding()).contains("Denis zone II");
    }

    @Test
    void denis_zone_three_without_cortical_disruption_passes() throws Exception {
        assertThat(decide(with("denisZone: I", "denisZone: III")).verdict()).isEqualTo(Verdict.CANDIDATE);
    }

    @Test
    void suspected_tumour_without_biopsy_needs_review_and_with_biopsy_passes() throws Exception {
        SelectionDecision d = decide(with("suspected: false", "suspected: true"));
        assertThat(d.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
        assertThat(decidingIds(d)).containsExactly("tumour-biopsy");
        assertThat(decide(with("suspected: false", "suspected: true\n  biopsyDoneOrPlanned: true")).verdict())
                .isEqualTo(Verdict.CANDIDATE);
    }

    @Test
    void cannot_lie_prone_is_not_a_candidate() throws Exception {
        SelectionDecision d = decide(with("canLieProne: true", "canLieProne: false"));
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("prone-position");
    }

    @Test
    void absolute_contraindication_outranks_missing_facts() throws Exception {
        SelectionDecision d = decide("coagulation:\n  inr: 2.0\n");
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
        assertThat(decidingIds(d)).containsExactly("inr");
    }

    @Test
    void empty_case_needs_review_on_every_rule() {
        SelectionDecision d = selector.select(CaseFile.unknown(), Optional.empty());
        assertThat(d.verdict()).isEqualTo(Verdict.NEEDS_REVIEW);
        assertThat(d.deciding()).hasSize(selector.table().rules().size());
    }

    @Test
    void clinician_override_changes_the_approach_and_is_recorded_with_its_reason() throws Exception {
        SelectionDecision d = decide(GOOD + "approachOverride:\n  approach: OBLIQUE_SI\n  reason: posterior iliac crest overlaps the vertical path\n");
        assertThat(d.approaches()).containsEntry(Side.LEFT, Approach.OBLIQUE_SI).containsEntry(Side.RIGHT, Approach.OBLIQUE_SI);
        assertThat(d.override()).isPresent();
        assertThat(d.notes()).anyMatch(n -> n.contains("posterior iliac crest overlaps"));
    }

    @Test
    void override_without_reason_is_refused() {
        assertThatThrownBy(() -> decide(GOOD + "approachOverride:\n  approach: VERTICAL\n"))
                .isInstanceOf(CaseFileException.class).hasMessageContaining("reason");
    }

    @Test
    void lower_fracture_targets_s2() throws Exception {
        assertThat(decide(with("level: S1", "level: S2")).targetLevel()).isEqualTo(SacralLevel.S2);
    }

    @Test
    void misspelt_field_and_impossible_values_are_refused_with_the_field_name() {
        assertThatThrownBy(() -> decide(GOOD + "canLieProen: true\n")).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("canLieProen");
        assertThatThrownBy(() -> decide(with("inr: 1.1", "inr: -1"))).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("inr");
        assertThatThrownBy(() -> decide(with("denisZone: I", "denisZone: IV"))).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("denisZone");
    }

    @Test
    void json_case_files_are_read_too(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("case.json");
        Files.writeString(f, "{\"coagulation\": {\"inr\": 1.5}, \"canLieProne\": true}");
        SelectionDecision d = selector.select(CaseFileReader.read(f), Optional.empty());
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_A_CANDIDATE);
    }

    @Test
    void bundled_demo_case_file_is_a_candidate() throws Exception {
        Path demo = TestData.repoRoot().resolve("data/cases/demo-case.yaml");
        SelectionDecision d = selector.select(CaseFileReader.read(demo), Optional.empty());
        assertThat(d.verdict()).isEqualTo(Verdict.CANDIDATE);
        assertThat(d.treatedSides()).isNotEmpty();
    }

    @Test
    void missing_case_file_gives_a_one_line_message(@TempDir Path dir) {
        assertThatThrownBy(() -> CaseFileReader.read(dir.resolve("nope.yaml"))).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("does not exist");
    }
}
