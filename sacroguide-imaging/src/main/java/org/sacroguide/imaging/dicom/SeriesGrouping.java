package org.sacroguide.imaging.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups image headers into series. Files with a SeriesInstanceUID are grouped by it (split further by
 * SeriesNumber, so two series exported with one colliding UID stay apart, and localizer images are kept
 * apart from the slices). Files without one, as left by some anonymisers, are grouped by the attributes
 * one series shares: study and frame of reference, modality, series number, description, date and time,
 * image type, convolution kernel, image size, pixel spacing and orientation.
 */
final class SeriesGrouping {

    private SeriesGrouping() {
    }

    /** One group of images believed to be one series. */
    record Group(SeriesSummary summary, List<SliceHeader> slices) {
    }

    static List<Group> group(List<SliceHeader> images) {
        Map<String, List<SliceHeader>> byKey = new LinkedHashMap<>();
        for (SliceHeader h : images) {
            byKey.computeIfAbsent(key(h), k -> new ArrayList<>()).add(h);
        }
        List<Group> groups = new ArrayList<>();
        for (List<SliceHeader> slices : byKey.values()) {
            groups.add(new Group(summarise(slices), List.copyOf(slices)));
        }
        return groups;
    }

    static String key(SliceHeader h) {
        String loc = h.isLocalizer() ? "|localizer" : "";
        String number = h.seriesNumber() == null ? "" : String.valueOf(h.seriesNumber());
        if (!h.seriesInstanceUid().isEmpty()) {
            return "uid|" + h.seriesInstanceUid() + "|" + number + loc;
        }
        return String.join("|", "attributes", h.studyInstanceUid(), h.frameOfReferenceUid(), h.modality(), number,
                h.seriesDescription(), h.seriesDate(), h.seriesTime(), h.imageType().toUpperCase(Locale.ROOT),
                h.convolutionKernel(), h.columns() + "x" + h.rows(), rounded(h.pixelSpacing(), 1e-4),
                rounded(h.imageOrientation(), 1e-3)) + loc;
    }

    private static String rounded(double[] v, double step) {
        if (v == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(Math.round(d / step)).append(',');
        }
        return b.toString();
    }

    private static SeriesSummary summarise(List<SliceHeader> slices) {
        SliceHeader first = slices.get(0);
        String size = mostCommon(slices, h -> h.columns() + "x" + h.rows());
        String[] wh = size.split("x");
        SeriesOrientation orientation = SeriesOrientation.of(first.imageOrientation());
        for (SliceHeader h : slices) {
            if (SeriesOrientation.of(h.imageOrientation()) != orientation) {
                orientation = SeriesOrientation.MIXED;
                break;
            }
        }
        return new SeriesSummary(first.seriesInstanceUid(), first.seriesNumber(), first.modality(),
                first.seriesDescription(), slices.size(), Integer.parseInt(wh[0]), Integer.parseInt(wh[1]),
                orientation, first.isLocalizer(), mostCommon(slices, SliceHeader::transferSyntaxUid));
    }

    static String mostCommon(List<SliceHeader> slices, java.util.function.Function<SliceHeader, String> f) {
        Map<String, Integer> counts = new HashMap<>();
        for (SliceHeader h : slices) {
            counts.merge(f.apply(h), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
    }
}
