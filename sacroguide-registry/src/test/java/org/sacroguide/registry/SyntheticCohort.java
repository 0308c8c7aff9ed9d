package org.sacroguide.registry;

import java.time.LocalDate;
import java.util.Random;
import org.sacroguide.registry.csv.CsvFormat;
import org.sacroguide.registry.csv.CsvLayout;

/**
 * A large synthetic cohort in the registry CSV layout (seeded, so always the same): per patient a patient
 * row, a fracture (mostly bilateral), a selection, a procedure with baseline VAS and follow-ups at 24-48 h,
 * 3 and 12 months, some lost to follow-up. For benchmarks and load tests.
 */
public final class SyntheticCohort {

    private SyntheticCohort() {
    }

    public static String csv(int patients, long seed) {
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder(CsvLayout.header());
        LocalDate first = LocalDate.of(2015, 1, 1);
        int n = CsvLayout.COLUMNS.size();
        for (int i = 0; i < patients; i++) {
            String id = "SYN-" + i;
            LocalDate day = first.plusDays(rnd.nextInt(3000));
            int age = 60 + rnd.nextInt(30);
            boolean bilateral = rnd.nextDouble() < 0.8;
            boolean left = bilateral || rnd.nextBoolean();
            String[] f = new String[n];
            row(b, f, "record", "patient", "patient_id", id, "sex", rnd.nextDouble() < 0.8 ? "female" : "male",
                    "birth_year", Integer.toString(day.getYear() - age));
            row(b, f, "record", "fracture", "patient_id", id, "date", day.minusDays(20).toString(),
                    "side", bilateral ? "bilateral" : left ? "left" : "right", "denis_zone", "1", "modality", "mri");
            row(b, f, "record", "selection", "patient_id", id, "date", day.minusDays(5).toString(), "selection", "candidate");
            double base = 6 + rnd.nextInt(5);
            String[] proc = {"record", "procedure", "patient_id", id, "date", day.toString(), "sedation", "conscious-sedation",
                "major_complication", "no", "baseline_vas", fmt(base)};
            String[] l = left ? new String[] {"left_approach", bilateral ? "vertical" : "oblique-si", "left_cement_ml",
                fmt(1.5 + rnd.nextInt(20) / 10.0), "left_extravasation", rnd.nextDouble() < 0.05 ? "soft-tissue" : "none"} : new String[0];
            String[] r = bilateral || !left ? new String[] {"right_approach", bilateral ? "vertical" : "oblique-si", "right_cement_ml",
                fmt(1.5 + rnd.nextInt(20) / 10.0), "right_extravasation", rnd.nextDouble() < 0.02 ? "vein" : "none"} : new String[0];
            row(b, f, concat(proc, l, r));
            row(b, f, "record", "follow_up", "patient_id", id, "date", day.plusDays(1).toString(), "method", "clinic",
                    "vas", fmt(Math.max(0, base - 4 - rnd.nextInt(3))));
            if (rnd.nextDouble() < 0.15) {
                row(b, f, "record", "status", "patient_id", id, "date", day.plusDays(60).toString(), "status", "lost-to-follow-up");
                continue;
            }
            for (int days : new int[] {91, 365}) {
                boolean painL = rnd.nextDouble() < 0.1;
                boolean painR = rnd.nextDouble() < 0.1;
                row(b, f, "record", "follow_up", "patient_id", id, "date", day.plusDays(days).toString(), "method", "telephone",
                        "pain_left", left ? yn(painL) : "", "pain_right", bilateral || !left ? yn(painR) : "",
                        "vas", fmt(painL || painR ? 2 + rnd.nextInt(4) : rnd.nextInt(2)), "analgesics", painL || painR ? "non-opioid" : "none");
            }
        }
        return b.toString();
    }

    private static String[] concat(String[]... parts) {
        int len = 0;
        for (String[] p : parts) {
            len += p.length;
        }
        String[] out = new String[len];
        int k = 0;
        for (String[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    private static void row(StringBuilder b, String[] fields, String... nameValue) {
        java.util.Arrays.fill(fields, "");
        for (int k = 0; k < nameValue.length; k += 2) {
            fields[CsvLayout.COLUMNS.indexOf(nameValue[k])] = nameValue[k + 1];
        }
        b.append(CsvFormat.line(java.util.List.of(fields)));
    }

    private static String yn(boolean b) {
        return b ? "yes" : "no";
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
