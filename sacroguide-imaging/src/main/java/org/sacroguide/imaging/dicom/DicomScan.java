package org.sacroguide.imaging.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.WrongModalityException;

/**
 * The series found by {@link DicomSeriesReader#scan}, best candidate first: CT before other modalities,
 * slices before localizers, axial before other planes, then more files, then the lower series number.
 * {@link #read} chooses one (that first one, or the one named by UID or series number) and reads it.
 */
public final class DicomScan {

    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private final List<SeriesGrouping.Group> groups;
    private final int filesExamined;
    private final List<String> warnings;

    DicomScan(List<SeriesGrouping.Group> groups, int filesExamined, List<String> warnings) {
        List<SeriesGrouping.Group> sorted = new ArrayList<>(groups);
        sorted.sort(RANKING);
        this.groups = List.copyOf(sorted);
        this.filesExamined = filesExamined;
        this.warnings = List.copyOf(warnings);
    }

    private static final Comparator<SeriesGrouping.Group> RANKING = Comparator
            .comparing((SeriesGrouping.Group g) -> !isCt(g))
            .thenComparing(g -> g.summary().localizer())
            .thenComparing(g -> g.summary().orientation() != SeriesOrientation.AXIAL)
            .thenComparing(g -> -g.summary().files())
            .thenComparing(g -> g.summary().seriesNumber() == null ? Integer.MAX_VALUE : g.summary().seriesNumber())
            .thenComparing(g -> g.summary().seriesInstanceUid());

    private static boolean isCt(SeriesGrouping.Group g) {
        String m = g.summary().modality();
        return m.equals("CT") || (m.isEmpty() && CT_IMAGE_STORAGE.equals(g.slices().get(0).sopClassUid()));
    }

    /** Every series found, best candidate first. */
    public List<SeriesSummary> series() {
        return groups.stream().map(SeriesGrouping.Group::summary).toList();
    }

    /** Files looked at (including skipped ones). */
    public int filesExamined() {
        return filesExamined;
    }

    /** Warnings of the scan (skipped files). */
    public List<String> warnings() {
        return warnings;
    }

    /** The series {@link #read} would choose with these options, without reading it. */
    public SeriesSummary choose(DicomReadOptions options) throws CtInputException {
        return chooseGroup(options, new ArrayList<>()).summary();
    }

    private SeriesGrouping.Group chooseGroup(DicomReadOptions options, List<String> notes) throws CtInputException {
        if (options.series().isPresent()) {
            String sel = options.series().get().trim();
            List<SeriesGrouping.Group> byUid = groups.stream().filter(g -> g.summary().matchesUid(sel)).toList();
            List<SeriesGrouping.Group> matches = byUid.isEmpty()
                    ? groups.stream().filter(g -> g.summary().matchesNumber(sel)).toList() : byUid;
            if (matches.isEmpty()) {
                throw new CtInputException("no series with UID or number " + sel + " among the " + groups.size()
                        + " series found (" + listing() + ")");
            }
            if (byUid.isEmpty() && matches.stream().filter(g -> !g.summary().localizer()).count() > 1) {
                throw new CtInputException(matches.size() + " series have the number " + sel
                        + "; choose one by its SeriesInstanceUID (" + listing() + ")");
            }
            return matches.get(0); // slices before the localizers of the same series
        }
        SeriesGrouping.Group best = groups.get(0);
        if (groups.size() > 1) {
            SeriesGrouping.Group second = groups.get(1);
            if (RANKING.compare(best, second) != 0 && isCt(best) == isCt(second)
                    && best.summary().localizer() == second.summary().localizer()
                    && best.summary().orientation() == second.summary().orientation()
                    && best.summary().files() == second.summary().files()) {
                notes.add(best.summary().files() + " images in each of several series; chose " + best.summary().label()
                        + " (use --series UID to choose another)");
            }
        }
        return best;
    }

    private String listing() {
        StringBuilder b = new StringBuilder();
        for (SeriesGrouping.Group g : groups) {
            if (b.length() > 0) {
                b.append("; ");
            }
            SeriesSummary s = g.summary();
            b.append(s.seriesInstanceUid().isEmpty() ? "(no UID)" : s.seriesInstanceUid());
            if (s.seriesNumber() != null) {
                b.append(" number ").append(s.seriesNumber());
            }
            b.append(' ').append(s.modality().isEmpty() ? "?" : s.modality()).append(' ').append(s.files()).append(" files");
        }
        return b.toString();
    }

    /** Chooses a series, checks it, and reads its pixels in parallel into a new volume. */
    public DicomImport read(DicomReadOptions options) throws CtInputException {
        List<String> out = new ArrayList<>(warnings);
        SeriesGrouping.Group chosen = chooseGroup(options, out);
        SeriesSummary summary = chosen.summary();
        if (!isCt(chosen) && !options.allowAnyModality()) {
            String m = summary.modality().isEmpty() ? "of unknown modality" : summary.modality();
            throw new WrongModalityException(summary.label() + " is " + m + ", not CT; SacroGuide plans on CT "
                    + "(use --allow-modality to load it anyway)");
        }
        if (!isCt(chosen)) {
            out.add(summary.label() + " is " + (summary.modality().isEmpty() ? "of unknown modality" : summary.modality())
                    + ", not CT: its values are not Hounsfield units");
        }
        for (SliceHeader h : chosen.slices()) {
            PixelReader.checkDecodable(h);
        }
        SeriesGeometry.Result geometry = SeriesGeometry.build(chosen.slices(), summary.label(), out);
        List<SliceHeader> slices = geometry.slices();
        for (SliceHeader h : slices) {
            checkComplete(h);
        }
        long bytes = 2L * geometry.grid().voxelCount();
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new CtInputException(summary.label() + " needs " + (bytes >> 20) + " MB of memory but only "
                    + (free >> 20) + " MB are free; give Java more (SACROGUIDE_JAVA_OPTS=-Xmx16g)");
        }
        short[] hu = new short[geometry.grid().voxelCount()];
        int perSlice = geometry.grid().columns() * geometry.grid().rows();
        AtomicReference<CtInputException> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger clamped = new AtomicInteger();
        int total = slices.size();
        IntStream.range(0, total).parallel().forEach(k -> {
            if (failure.get() != null) {
                return;
            }
            try {
                clamped.addAndGet(PixelReader.readHu(slices.get(k), hu, k * perSlice));
            } catch (CtInputException e) {
                failure.compareAndSet(null, e);
                return;
            } catch (RuntimeException | OutOfMemoryError e) {
                failure.compareAndSet(null, new CorruptFileException(slices.get(k).fileName()
                        + " could not be decoded (" + e.getClass().getSimpleName() + ")", e));
                return;
            }
            options.progress().slicesRead(done.incrementAndGet(), total);
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        if (clamped.get() > 0) {
            out.add(clamped.get() + " voxels were outside -32768..32767 HU and were clamped");
        }
        String ts = SeriesGrouping.mostCommon(slices, SliceHeader::transferSyntaxUid);
        long otherSyntax = slices.stream().filter(h -> !h.transferSyntaxUid().equals(ts)).count();
        if (otherSyntax > 0) {
            out.add(summary.label() + " mixes transfer syntaxes (" + otherSyntax + " of " + total + " files differ from "
                    + ts + ")");
        }
        List<SeriesSummary> all = new ArrayList<>();
        all.add(summary);
        for (SeriesSummary s : series()) {
            if (s != summary) {
                all.add(s);
            }
        }
        return new DicomImport(new CtVolume(geometry.grid(), hu), summary, all, ts, out);
    }

    /** A native file must hold all its pixel bytes; found before any pixel is read. */
    private static void checkComplete(SliceHeader h) throws CorruptFileException {
        DicomParser.PixelDataRef ref = h.pixelData();
        if (ref.encapsulated() || h.syntax().deflated() || h.fileBytes() < 0) {
            return;
        }
        long need = h.frameBytes();
        if (ref.length() < need) {
            throw new CorruptFileException(h.fileName() + " has " + ref.length() + " bytes of pixel data where a "
                    + h.columns() + " x " + h.rows() + " image needs " + need);
        }
        if (ref.offset() + need > h.fileBytes()) {
            throw new CorruptFileException(h.fileName() + " is truncated: its pixel data needs " + need
                    + " bytes, the file holds " + Math.max(0, h.fileBytes() - ref.offset()));
        }
    }
}
