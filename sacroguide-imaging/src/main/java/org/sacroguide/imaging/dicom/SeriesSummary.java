package org.sacroguide.imaging.dicom;

/**
 * One series found in the input: what a radiologist needs to recognise it (number, description, modality,
 * plane, size) and how many files it has. The SeriesInstanceUID is empty when the files were anonymised
 * without one; such files are grouped by their other attributes instead. Never holds patient attributes.
 *
 * @param seriesInstanceUid the SeriesInstanceUID, or "" when the files have none
 * @param seriesNumber      SeriesNumber, or null when absent
 * @param modality          Modality (CT, MR, ...), "" when absent
 * @param description       SeriesDescription, "" when absent
 * @param files             number of image files in the series
 * @param columns           image width in pixels (of most of its images)
 * @param rows              image height in pixels (of most of its images)
 * @param orientation       the plane of its slices
 * @param localizer         true for a scout / topogram series (ImageType LOCALIZER)
 * @param transferSyntaxUid the transfer syntax of most of its files
 */
public record SeriesSummary(String seriesInstanceUid, Integer seriesNumber, String modality, String description,
                            int files, int columns, int rows, SeriesOrientation orientation, boolean localizer,
                            String transferSyntaxUid) {

    /** "series 12 'Pelvis 3 mm'", or the UID when there is no number; for messages. */
    public String label() {
        StringBuilder b = new StringBuilder("series");
        if (seriesNumber != null) {
            b.append(' ').append(seriesNumber);
        } else if (!seriesInstanceUid.isEmpty()) {
            b.append(' ').append(seriesInstanceUid);
        }
        if (!description.isEmpty()) {
            b.append(" '").append(description).append('\'');
        }
        return b.toString();
    }

    /** True when {@code selector} is this series' UID, or its series number. */
    boolean matchesUid(String selector) {
        return !seriesInstanceUid.isEmpty() && seriesInstanceUid.equals(selector.trim());
    }

    boolean matchesNumber(String selector) {
        return seriesNumber != null && String.valueOf(seriesNumber).equals(selector.trim());
    }
}
