package org.sacroguide.imaging.dicom;

import java.util.Optional;

/**
 * How to choose and load a series.
 *
 * @param series           a SeriesInstanceUID or a SeriesNumber; empty: the largest axial CT series
 * @param allowAnyModality load a series that is not CT (MR, PET, ...) instead of refusing it
 * @param progress         told after every slice read (from reading threads); {@link ProgressListener#NONE} for none
 */
public record DicomReadOptions(Optional<String> series, boolean allowAnyModality, ProgressListener progress) {

    /** The largest axial CT series, CT only, no progress reports. */
    public static final DicomReadOptions DEFAULTS = new DicomReadOptions(Optional.empty(), false, ProgressListener.NONE);

    public DicomReadOptions {
        series = series == null ? Optional.empty() : series.filter(s -> !s.isBlank());
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    public DicomReadOptions withSeries(String selector) {
        return new DicomReadOptions(Optional.ofNullable(selector), allowAnyModality, progress);
    }

    public DicomReadOptions withAllowAnyModality(boolean allow) {
        return new DicomReadOptions(series, allow, progress);
    }

    public DicomReadOptions withProgress(ProgressListener listener) {
        return new DicomReadOptions(series, allowAnyModality, listener);
    }

    /** Receives loading progress; called concurrently from reading threads, so it must be thread-safe. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = (done, total) -> { };

        /** {@code done} of {@code total} slices have been read. */
        void slicesRead(int done, int total);
    }
}
