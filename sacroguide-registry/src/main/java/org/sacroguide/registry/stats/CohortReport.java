package org.sacroguide.registry.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sacroguide.registry.AtomicFiles;
import org.sacroguide.registry.model.Codes;
import org.sacroguide.registry.model.Extravasation;
import org.sacroguide.registry.model.SchedulePoint;

/**
 * The cohort statistics as people read them: one row per number with the department's value beside the
 * paper's (Strub et al. 2007) and the pooled literature (Chandra et al. 2019), rendered as a text table,
 * CSV, one JSON object, or an HTML section with a chart of VAS over time (PNG, written beside the page).
 */
public final class CohortReport {

    /** File name of the chart that {@link #htmlSection} writes. */
    public static final String CHART_FILE = "registry_vas_over_time.png";

    /** One line of the report: what, this registry's value, the paper's, the pooled literature's. */
    public record Row(String key, String measure, String registry, String paper, String pooled) {
    }

    private final CohortStatistics s;

    public CohortReport(CohortStatistics statistics) {
        this.s = statistics;
    }

    public CohortStatistics statistics() {
        return s;
    }

    /** The rows, in the order of the paper's Results. */
    public List<Row> rows() {
        Literature.Source strub = Literature.STRUB_2007;
        Literature.Source ch = Literature.CHANDRA_2019;
        List<Row> r = new ArrayList<>();
        r.add(new Row("patients_registered", "Patients registered", Integer.toString(s.patientsRegistered()), "", ""));
        r.add(new Row("patients_treated", "Patients treated", Integer.toString(s.patientsTreated()), i(strub.get("patients")),
                i(ch.get("patients"))));
        r.add(new Row("treatments", "Treatments (procedures)", Integer.toString(s.treatments()), i(strub.get("patients")), ""));
        r.add(new Row("women", "Women", s.women() + " of " + s.patientsTreated(), i(strub.get("women")) + " of " + i(strub.get("patients")),
                i(ch.get("women")) + " of " + i(ch.get("patients"))));
        r.add(new Row("age_years", "Age at procedure, mean (range)", s.ageYears().isEmpty() ? "-"
                : f0(s.ageYears().mean()) + " (" + f0(s.ageYears().min()) + "-" + f0(s.ageYears().max()) + ") years",
                i(strub.get("age_mean")) + " (" + i(strub.get("age_min")) + "-" + i(strub.get("age_max")) + ") years",
                f1(ch.get("age_mean")) + " years"));
        r.add(new Row("bilateral_unilateral", "Bilateral / unilateral treatments", s.bilateral() + " / " + s.unilateral(),
                i(strub.get("bilateral")) + " / " + i(strub.get("unilateral")), ""));
        r.add(new Row("cement_per_treatment_ml", "Cement per treatment, mean (range)", summaryMl(s.cementPerTreatmentMl()),
                f1(strub.get("cement_per_treatment_ml")) + " mL", ""));
        r.add(new Row("cement_per_side_ml", "Cement per side, mean (range)", summaryMl(s.cementPerSideMl()), "", ""));
        r.add(new Row("canal_or_foramen_extravasation", "Extravasation into canal or foramen", s.treatmentsWithCanalOrForamenLeak()
                + " of " + s.treatments() + " treatments", "none", ""));
        StringBuilder ex = new StringBuilder();
        for (Extravasation e : Extravasation.values()) {
            int n = s.extravasationBySide().getOrDefault(e, 0);
            if (e != Extravasation.NONE && n > 0) {
                ex.append(ex.length() == 0 ? "" : ", ").append(Codes.text(e)).append(' ').append(n);
            }
        }
        r.add(new Row("extravasation_by_side", "Extravasation by location (sides)", ex.length() == 0 ? "none" : ex.toString(), "", ""));
        r.add(new Row("follow_up", "Follow-up available, mean duration (range)", s.patientsFollowedUp() + " patients"
                + (s.followUpMonths().isEmpty() ? "" : ", " + f0(s.followUpMonths().mean()) + " months (" + f0(s.followUpMonths().min()) + "-"
                        + f0(s.followUpMonths().max()) + ")"),
                i(strub.get("followed_up")) + " patients, " + i(strub.get("follow_up_months")) + " months", ""));
        r.add(new Row("pain_free_patients", "Pain-free at latest follow-up (patients)", rate(s.painFreePatients()),
                i(strub.get("pain_free_patients")) + " of " + i(strub.get("followed_up")) + " (" + i(strub.get("pain_free_percent")) + "%)", ""));
        r.add(new Row("pain_free_sides", "Pain-free at latest follow-up (treated sides)", rate(s.painFreeSides()), "", ""));
        r.add(new Row("partial_relief", "Pain-free on one side only", s.partialRelief().isEmpty() ? "none"
                : String.join("; ", s.partialRelief().stream().map(p -> p.patientId() + ": " + p.brief()).toList()),
                "the sixth: left pain-free, right in pain", ""));
        for (VasPoint v : s.vasOverTime()) {
            String pooled = switch (v.point()) {
                case BASELINE -> f2(ch.get("vas_baseline"));
                case H24_48 -> f2(ch.get("vas_24_48h"));
                case M6 -> f2(ch.get("vas_6m"));
                case M12 -> f2(ch.get("vas_12m"));
                default -> "";
            };
            String mine = v.n() == 0 ? "-" : f1(v.mean()) + " (n=" + v.n() + ")"
                    + (v.point() == SchedulePoint.BASELINE || v.pairedN() == 0 ? "" : ", change " + signed(v.meanChangeFromBaseline()));
            r.add(new Row("vas_" + v.point().code().replace("-", "_"), "VAS at " + v.point().label(), mine, "", pooled));
        }
        r.add(new Row("technical_success", "Technical success", rate(s.technicalSuccess()), "", f1(ch.get("technical_success_percent")) + "% ("
                + i(ch.get("technical_success")) + "/" + i(ch.get("patients")) + ")"));
        r.add(new Row("clinical_success", "Clinical success", rate(s.clinicalSuccess()), "", f1(ch.get("clinical_success_percent")) + "% ("
                + i(ch.get("clinical_success")) + "/651)"));
        r.add(new Row("major_complications", "Major complications", rate(s.majorComplications()), "",
                f1(ch.get("major_complications_percent")) + "%"));
        r.add(new Row("lost_withdrawn_deceased", "Lost to follow-up / withdrawn / deceased", s.lostToFollowUp() + " / " + s.withdrawn() + " / "
                + s.deceased(), "", ""));
        return r;
    }

    /** A plain-text table for the terminal. */
    public String table() {
        List<Row> rows = rows();
        String[] head = {"Measure", "This registry", "Strub 2007", "Chandra 2019 (pooled)"};
        int[] w = new int[4];
        for (int k = 0; k < 4; k++) {
            w[k] = head[k].length();
        }
        for (Row x : rows) {
            w[0] = Math.max(w[0], x.measure().length());
            w[1] = Math.max(w[1], x.registry().length());
            w[2] = Math.max(w[2], x.paper().length());
            w[3] = Math.max(w[3], x.pooled().length());
        }
        StringBuilder b = new StringBuilder();
        String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %s%n";
        b.append(String.format(Locale.ROOT, fmt, (Object[]) head));
        b.append(String.format(Locale.ROOT, fmt, "-".repeat(w[0]), "-".repeat(w[1]), "-".repeat(w[2]), "-".repeat(w[3])));
        for (Row x : rows) {
            b.append(String.format(Locale.ROOT, fmt, x.measure(), x.registry(), x.paper(), x.pooled()));
        }
        b.append(definitions());
        return b.toString();
    }

    /** The rows as CSV (RFC 4180) with a header line. */
    public String csv() {
        StringBuilder b = new StringBuilder("key,measure,registry,strub2007,chandra2019\r\n");
        for (Row x : rows()) {
            b.append(String.join(",", q(x.key()), q(x.measure()), q(x.registry()), q(x.paper()), q(x.pooled()))).append("\r\n");
        }
        return b.toString();
    }

    /** The statistics as one JSON object (numbers as numbers, units in the names). */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patientsRegistered", s.patientsRegistered());
        m.put("patientsTreated", s.patientsTreated());
        m.put("treatments", s.treatments());
        Map<String, Object> sex = new LinkedHashMap<>();
        sex.put("women", s.women());
        sex.put("men", s.men());
        sex.put("otherOrUnknown", s.otherOrUnknownSex());
        m.put("sex", sex);
        m.put("ageYears", summary(s.ageYears()));
        m.put("bilateral", s.bilateral());
        m.put("unilateral", s.unilateral());
        m.put("cementPerTreatmentMl", summary(s.cementPerTreatmentMl()));
        m.put("cementPerSideMl", summary(s.cementPerSideMl()));
        Map<String, Object> ex = new LinkedHashMap<>();
        for (Extravasation e : Extravasation.values()) {
            ex.put(Codes.text(e), s.extravasationBySide().getOrDefault(e, 0));
        }
        m.put("extravasationSidesByLocation", ex);
        m.put("treatmentsWithCanalOrForamenExtravasation", s.treatmentsWithCanalOrForamenLeak());
        m.put("patientsFollowedUp", s.patientsFollowedUp());
        m.put("followUpMonths", summary(s.followUpMonths()));
        m.put("painFreePatients", rate(s.painFreePatients(), true));
        m.put("painFreeSides", rate(s.painFreeSides(), true));
        List<Map<String, Object>> partial = new ArrayList<>();
        for (PartialRelief p : s.partialRelief()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("patientId", p.patientId());
            x.put("painFreeSides", p.painFree().stream().map(v -> v.lower()).toList());
            x.put("painfulSides", p.painful().stream().map(v -> v.lower()).toList());
            partial.add(x);
        }
        m.put("partialRelief", partial);
        List<Map<String, Object>> vas = new ArrayList<>();
        for (VasPoint v : s.vasOverTime()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("timepoint", v.point().code());
            x.put("n", v.n());
            x.put("meanVas", num(v.mean()));
            x.put("pairedN", v.pairedN());
            x.put("meanChangeFromBaseline", num(v.meanChangeFromBaseline()));
            vas.add(x);
        }
        m.put("vasOverTime", vas);
        m.put("technicalSuccess", rate(s.technicalSuccess(), true));
        m.put("clinicalSuccess", rate(s.clinicalSuccess(), true));
        m.put("majorComplications", rate(s.majorComplications(), true));
        m.put("lostToFollowUp", s.lostToFollowUp());
        m.put("withdrawn", s.withdrawn());
        m.put("deceased", s.deceased());
        Map<String, Object> lit = new LinkedHashMap<>();
        for (Literature.Source src : List.of(Literature.STRUB_2007, Literature.CHANDRA_2019)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("citation", src.citation());
            x.putAll(src.values());
            lit.put(src.key(), x);
        }
        m.put("literature", lit);
        try {
            return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the cohort statistics as JSON", e);
        }
    }

    /**
     * The HTML section for a report: a heading, the table with the literature beside it, the definitions,
     * and the VAS-over-time chart, which is written as {@value #CHART_FILE} into {@code folder} (created when
     * missing). Returns the fragment; it refers to the chart by its file name.
     */
    public String htmlSection(Path folder) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.write(folder.resolve(CHART_FILE), chartPng());
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"registry-cohort\">\n<h2>Outcomes registry: cohort</h2>\n");
        b.append("<p>The department's cohort beside the Results of Strub et al. 2007 and the pooled estimates of Chandra et al. 2019. ")
                .append("Research and training software: NOT FOR CLINICAL USE.</p>\n");
        b.append("<table><tr><th>Measure</th><th>This registry</th><th>Strub 2007</th><th>Chandra 2019 (pooled)</th></tr>\n");
        for (Row x : rows()) {
            b.append("<tr><td>").append(esc(x.measure())).append("</td><td>").append(esc(x.registry())).append("</td><td>")
                    .append(esc(x.paper())).append("</td><td>").append(esc(x.pooled())).append("</td></tr>\n");
        }
        b.append("</table>\n<p><small>").append(esc(definitions().trim()).replace("\n", "<br>\n")).append("</small></p>\n");
        b.append("<figure><img src=\"").append(CHART_FILE).append("\" alt=\"Mean VAS over time: this registry and Chandra et al. 2019\">")
                .append("<figcaption>Mean pain score (VAS 0-10) at the schedule points: this registry (n per point in the table) ")
                .append("and the pooled literature (Chandra et al. 2019, 861 patients).</figcaption></figure>\n</section>\n");
        return b.toString();
    }

    /**
     * The VAS-over-time chart as PNG bytes (640 x 400): mean VAS per schedule point for this registry and the
     * pooled literature; points without data are left out (no line is drawn across them).
     */
    public byte[] chartPng() throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(640).height(400).title("Pain (VAS) after sacroplasty")
                .xAxisTitle("Time after the procedure").yAxisTitle("Mean VAS (0-10)").build();
        CategoryStyler st = chart.getStyler();
        st.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        st.setOverlapped(true);
        st.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setYAxisMin(0.0).setYAxisMax(10.0);
        st.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setMarkerSize(9);
        List<String> categories = List.of("baseline", "24-48 h", "1 mo", "3 mo", "6 mo", "12 mo");
        List<Double> mine = new ArrayList<>();
        for (VasPoint v : s.vasOverTime()) {
            mine.add(v.n() == 0 ? null : v.mean());
        }
        CategorySeries a = chart.addSeries("This registry", categories, mine);
        a.setMarker(SeriesMarkers.CIRCLE);
        a.setMarkerColor(new Color(0, 90, 170));
        a.setLineColor(new Color(0, 90, 170));
        a.setLineStyle(new BasicStroke(2.5f));
        Literature.Source ch = Literature.CHANDRA_2019;
        CategorySeries b = chart.addSeries("Chandra et al. 2019 (pooled, n=861)", categories, java.util.Arrays.asList(
                ch.get("vas_baseline"), ch.get("vas_24_48h"), null, null, ch.get("vas_6m"), ch.get("vas_12m")));
        b.setMarker(SeriesMarkers.DIAMOND);
        b.setMarkerColor(new Color(200, 80, 0));
        b.setLineColor(new Color(200, 80, 0));
        b.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** How the numbers are defined (printed under the table). */
    public static String definitions() {
        return "\nDefinitions: a treatment is one procedure (one or both sides); age = procedure year minus birth year.\n"
                + "Follow-up = the latest contact at least " + CohortCalculator.LONG_TERM_MIN_DAYS + " days after the procedure "
                + "(long-term follow-up, as in the paper); months of 30.44 days.\n"
                + "Pain-free = no pain on any treated side. Technical success = cement delivered on every treated side without\n"
                + "extravasation into the canal or a foramen. Clinical success = latest VAS at least 50% below baseline (where a\n"
                + "score is missing: pain-free on every treated side).\n";
    }

    // ------------------------------------------------------------------ formatting

    private static String summaryMl(Summary x) {
        return x.isEmpty() ? "-" : f1(x.mean()) + " mL (" + f1(x.min()) + "-" + f1(x.max()) + ")";
    }

    private static String rate(Rate r) {
        return r.of() == 0 ? "-" : r.count() + " of " + r.of() + " (" + f0(r.percent()) + "%)";
    }

    private static Map<String, Object> rate(Rate r, boolean json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", r.count());
        m.put("of", r.of());
        m.put("percent", num(r.percent()));
        return m;
    }

    private static Map<String, Object> summary(Summary x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", x.n());
        m.put("mean", num(x.mean()));
        m.put("min", num(x.min()));
        m.put("max", num(x.max()));
        return m;
    }

    private static Object num(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000.0) / 1000.0;
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String i(double v) {
        return Long.toString(Math.round(v));
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + f1(v);
    }

    private static String q(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
