package org.sacroguide.planning.selection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sacroguide.anatomy.DenisZone;
import org.sacroguide.anatomy.Foramen;
import org.sacroguide.anatomy.FractureCandidate;
import org.sacroguide.anatomy.SacralLevel;
import org.sacroguide.anatomy.SacrumModel;
import org.sacroguide.anatomy.Side;
import org.sacroguide.planning.Approach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a patient is a candidate for sacroplasty by checking the case file (and, when given, the
 * CT's {@link SacrumModel}) against every rule of the {@link RuleTable}. Any violated rule that forces NOT A
 * CANDIDATE wins; otherwise any violated caution or unknown fact gives NEEDS REVIEW; otherwise CANDIDATE.
 * Fractured sides come from the case and from the model's fracture candidates (confidence at least
 * {@link #MODEL_FRACTURE_MIN_CONFIDENCE}). Decision support only, not for clinical use.
 */
public final class PatientSelector {

    /** Fracture candidates of the CT model below this confidence are not counted as fractured sides. */
    public static final double MODEL_FRACTURE_MIN_CONFIDENCE = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(PatientSelector.class);

    private final RuleTable table;

    public PatientSelector(RuleTable table) {
        this.table = table;
    }

    /** A selector over the bundled rule table. */
    public static PatientSelector bundled() {
        return new PatientSelector(RuleTable.bundled());
    }

    public RuleTable table() {
        return table;
    }

    public SelectionDecision select(CaseFile c, Optional<SacrumModel> model) {
        List<String> notes = new ArrayList<>();
        List<RuleOutcome> out = new ArrayList<>();

        // Indications.
        out.add(c.confirmedBy().map(m -> m.isEmpty()
                ? violated("imaging-confirmation", "no MRI, CT or bone scan confirms the fracture")
                : passed("imaging-confirmation", "fracture confirmed by " + m.stream().sorted().toList()))
                .orElseGet(() -> unknown("imaging-confirmation", "the case does not say which imaging confirmed the fracture")));

        Set<Side> sides = EnumSet.noneOf(Side.class);
        c.fractureSides().ifPresent(s -> {
            sides.addAll(s);
            if (!s.isEmpty()) {
                notes.add("fractured sides from the case file: " + names(s));
            }
        });
        Set<Side> fromModel = EnumSet.noneOf(Side.class);
        model.ifPresent(m -> m.fractures().stream().filter(f -> f.confidence() >= MODEL_FRACTURE_MIN_CONFIDENCE)
                .forEach(f -> fromModel.add(f.side())));
        if (!fromModel.isEmpty()) {
            notes.add("fractured sides suggested by the CT model: " + names(fromModel));
            Set<Side> extra = EnumSet.copyOf(fromModel);
            extra.removeAll(sides);
            if (c.fractureSides().isPresent() && !extra.isEmpty()) {
                notes.add("the CT model suggests a fracture on the " + names(extra)
                        + " side which the case file does not list: check the MRI/CT");
            }
            sides.addAll(fromModel);
        }
        out.add(sides.isEmpty()
                ? (c.fractureSides().isPresent() && model.isPresent()
                        ? violated("fractured-side", "neither the case nor the CT model shows a fractured side")
                        : unknown("fractured-side", "no fractured side given in the case" + (model.isPresent() ? " or found on the CT" : "")))
                : passed("fractured-side", "fractured: " + names(sides)));

        out.add(bool(c.painLocalisedToSacrum(), "pain-localised", "pain localised to the sacrum",
                "pain is not localised to the sacrum", "the case does not say where the pain is", false));
        out.add(bool(c.painRefractoryToConservativeTreatment(), "pain-refractory", "pain refractory to conservative treatment",
                "pain is not refractory to conservative treatment", "the case does not say whether conservative treatment failed", false));

        // Contraindications and cautions.
        if (c.localInfection().orElse(false) || c.systemicInfection().orElse(false)) {
            out.add(violated("no-infection", (c.localInfection().orElse(false) ? "local" : "systemic")
                    + " infection present"));
        } else if (c.localInfection().isPresent() && c.systemicInfection().isPresent()) {
            out.add(passed("no-infection", "no local or systemic infection"));
        } else {
            out.add(unknown("no-infection", "the case does not say whether there is a local or systemic infection"));
        }
        double inrMax = table.threshold("inr");
        out.add(c.inr().isEmpty() ? unknown("inr", "no INR in the case")
                : c.inr().getAsDouble() <= inrMax ? passed("inr", fmt("INR %.2f <= %.1f", c.inr().getAsDouble(), inrMax))
                : c.coagulationCorrected() ? passed("inr", fmt("INR %.2f > %.1f but recorded as corrected", c.inr().getAsDouble(), inrMax))
                : violated("inr", fmt("INR %.2f > %.1f, not corrected", c.inr().getAsDouble(), inrMax)));
        double pltMin = table.threshold("platelets");
        out.add(c.plateletsPerUl().isEmpty() ? unknown("platelets", "no platelet count in the case")
                : c.plateletsPerUl().getAsDouble() >= pltMin
                        ? passed("platelets", fmt("platelets %,.0f/uL >= %,.0f/uL", c.plateletsPerUl().getAsDouble(), pltMin))
                : c.coagulationCorrected()
                        ? passed("platelets", fmt("platelets %,.0f/uL < %,.0f/uL but recorded as corrected", c.plateletsPerUl().getAsDouble(), pltMin))
                : violated("platelets", fmt("platelets %,.0f/uL < %,.0f/uL, not corrected", c.plateletsPerUl().getAsDouble(), pltMin)));
        out.add(bool(c.cementAllergy(), "no-cement-allergy", "no cement allergy", "allergy to bone cement (PMMA)",
                "the case does not say whether there is a cement allergy", true));
        out.add(bool(c.contrastAllergy(), "no-contrast-allergy", "no contrast allergy", "allergy to the contrast agent",
                "the case does not say whether there is a contrast allergy", true));
        out.add(c.stability().map(s -> s.isStable() ? passed("stable-fracture", "pelvic ring stable")
                : violated("stable-fracture", "unstable fracture (" + s.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + "): needs surgical fixation"))
                .orElseGet(() -> unknown("stable-fracture", "the case does not say whether the pelvic ring is stable")));
        out.add(denis(c, model, notes));
        if (c.tumourSuspected().isEmpty()) {
            out.add(unknown("tumour-biopsy", "the case does not say whether a tumour is suspected"));
        } else if (!c.tumourSuspected().get()) {
            out.add(passed("tumour-biopsy", "no tumour suspected"));
        } else if (c.biopsyDoneOrPlanned().orElse(false)) {
            out.add(passed("tumour-biopsy", "tumour suspected, biopsy done or planned in the same session"));
        } else {
            out.add(violated("tumour-biopsy", "tumour suspected without a biopsy"));
        }
        out.add(bool(c.canLieProne(), "prone-position", "can lie prone", "cannot lie prone for the CT-guided procedure",
                "the case does not say whether the patient can lie prone", false));

        Verdict verdict = out.stream().anyMatch(o -> o.forcedVerdict() == Verdict.NOT_A_CANDIDATE) ? Verdict.NOT_A_CANDIDATE
                : out.stream().anyMatch(o -> o.forcedVerdict() == Verdict.NEEDS_REVIEW) ? Verdict.NEEDS_REVIEW
                : Verdict.CANDIDATE;
        List<RuleOutcome> deciding = verdict == Verdict.CANDIDATE
                ? out.stream().filter(o -> o.rule().kind() == SelectionRule.Kind.INDICATION).toList()
                : out.stream().filter(o -> o.forcedVerdict() == verdict).toList();

        Map<Side, Approach> approaches = new EnumMap<>(Side.class);
        Approach suggested = sides.size() == 2 ? Approach.VERTICAL : Approach.OBLIQUE_SI;
        Approach chosen = c.approachOverride().map(ApproachOverride::approach).orElse(suggested);
        c.approachOverride().ifPresent(o -> {
            LOG.info("approach overridden by the clinician: {} instead of {} ({})", o.approach(), suggested, o.reason());
            notes.add("approach overridden by the clinician: " + o.approach() + " instead of " + suggested
                    + " because: " + o.reason());
        });
        for (Side s : sides) {
            approaches.put(s, chosen);
        }
        SacralLevel level = targetLevel(c, model, notes);
        return new SelectionDecision(verdict, out, deciding, sides, approaches, c.approachOverride(), level, notes,
                table.version());
    }

    private RuleOutcome denis(CaseFile c, Optional<SacrumModel> model, List<String> notes) {
        Optional<DenisZone> zone = c.denisZone();
        if (zone.isEmpty() && model.isPresent()) {
            zone = model.get().fractures().stream().filter(f -> f.confidence() >= MODEL_FRACTURE_MIN_CONFIDENCE)
                    .map(FractureCandidate::zone).max(Enum::compareTo);
            zone.ifPresent(z -> notes.add("Denis zone " + z + " from the CT model"));
        }
        if (zone.isEmpty()) {
            return unknown("denis-zone-cortex", "no Denis zone in the case or from the CT");
        }
        if (zone.get() == DenisZone.I) {
            return passed("denis-zone-cortex", "Denis zone I (lateral to the foramina)");
        }
        if (c.corticalDisruption().isEmpty()) {
            return unknown("denis-zone-cortex", "Denis zone " + zone.get() + ": the case does not say whether the cortex is disrupted");
        }
        return c.corticalDisruption().get()
                ? violated("denis-zone-cortex", "Denis zone " + zone.get() + " fracture with cortical disruption: raised risk of cement leaking to the nerve roots")
                : passed("denis-zone-cortex", "Denis zone " + zone.get() + " without cortical disruption");
    }

    private static SacralLevel targetLevel(CaseFile c, Optional<SacrumModel> model, List<String> notes) {
        if (c.fractureLevel().isPresent()) {
            SacralLevel l = c.fractureLevel().get();
            return l.compareTo(SacralLevel.S2) >= 0 ? SacralLevel.S2 : SacralLevel.S1;
        }
        if (model.isPresent()) {
            SacrumModel m = model.get();
            Optional<Foramen> s1 = m.foramina().stream().filter(f -> f.level() == SacralLevel.S1).findFirst();
            Optional<Foramen> s2 = m.foramina().stream().filter(f -> f.level() == SacralLevel.S2).findFirst();
            if (s1.isPresent() && s2.isPresent()) {
                double split = (s1.get().centre().z() + s2.get().centre().z()) / 2;
                boolean anyHigh = m.fractures().stream().anyMatch(f -> f.confidence() >= MODEL_FRACTURE_MIN_CONFIDENCE
                        && f.centre().z() >= split);
                boolean anyLow = m.fractures().stream().anyMatch(f -> f.confidence() >= MODEL_FRACTURE_MIN_CONFIDENCE
                        && f.centre().z() < split);
                if (anyLow && !anyHigh) {
                    notes.add("the CT model places the fracture below S1: target the S2 ala");
                    return SacralLevel.S2;
                }
            }
        }
        return SacralLevel.S1;
    }

    private RuleOutcome bool(Optional<Boolean> v, String id, String ok, String bad, String unknown, boolean trueIsBad) {
        if (v.isEmpty()) {
            return unknown(id, unknown);
        }
        return v.get() == trueIsBad ? violated(id, bad) : passed(id, ok);
    }

    private RuleOutcome passed(String id, String finding) {
        return new RuleOutcome(table.rule(id), RuleOutcome.Status.PASSED, finding);
    }

    private RuleOutcome violated(String id, String finding) {
        return new RuleOutcome(table.rule(id), RuleOutcome.Status.VIOLATED, finding);
    }

    private RuleOutcome unknown(String id, String finding) {
        return new RuleOutcome(table.rule(id), RuleOutcome.Status.UNKNOWN, finding);
    }

    private static String names(Set<Side> s) {
        return String.join(" and ", s.stream().sorted().map(Side::lowerName).toList());
    }

    private static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }
}
