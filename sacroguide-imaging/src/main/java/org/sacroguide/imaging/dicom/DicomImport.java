package org.sacroguide.imaging.dicom;

import java.util.List;
import org.sacroguide.imaging.CtVolume;

/**
 * The result of reading a DICOM input: the chosen series as a {@link CtVolume} in HU with its
 * voxel-to-patient affine (LPS, mm), every series that was found, the transfer syntax of the chosen
 * series and the warnings a radiologist should see (skipped files, gantry tilt, uneven spacing, ...).
 * Warnings never contain patient attributes.
 *
 * @param volume            the chosen series, slices ordered along the slice normal
 * @param chosen            the summary of the chosen series
 * @param series            all series found, in the order they were ranked (the chosen one first by default)
 * @param transferSyntaxUid the transfer syntax UID of (most of) the chosen series' files
 * @param warnings          one line each
 */
public record DicomImport(CtVolume volume, SeriesSummary chosen, List<SeriesSummary> series, String transferSyntaxUid,
                          List<String> warnings) {

    public DicomImport {
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }
}
