package org.sacroguide.imaging.dicom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.SeriesGeometryException;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Turns the slices of one series into one regular voxel grid in patient coordinates (LPS, mm), or says
 * precisely why it cannot. Slices are sorted by their position along the slice normal (row direction x
 * column direction of ImageOrientationPatient), never by file name or InstanceNumber; the slice spacing
 * comes from those positions, never from SliceThickness. The affine maps voxel (i = column, j = row,
 * k = slice) to ImagePositionPatient + i * PixelSpacing[1] * row direction + j * PixelSpacing[0] * column
 * direction + k * slice step, so any orientation (flipped, prone, sagittal, oblique) is kept as acquired.
 *
 * <p>Refused with a {@link SeriesGeometryException}: mixed image sizes, pixel spacings or orientations;
 * missing geometry attributes; zero or negative pixel spacing; two different images at one position; a
 * missing slice (a gap of 1.5 times the usual spacing or more); spacing so uneven that a slice would be
 * more than a tenth of a spacing away from a regular grid; positions off a straight line; volumes beyond
 * {@link VoxelGrid#MAX_VOXELS}. Reported as warnings: slightly uneven spacing, exact duplicate files,
 * and gantry tilt. A tilted series is kept exact: its slice axis follows the recorded positions, so the
 * affine is sheared (not orthogonal) and every voxel sits where the scanner put it.
 */
final class SeriesGeometry {

    /** Positions closer than this along the normal are the same slice position, mm. */
    static final double SAME_POSITION_MM = 1e-3;
    /** Tilt below this (degrees) is rounding noise in the positions. */
    static final double TILT_NOISE_DEGREES = 0.05;

    private SeriesGeometry() {
    }

    /** The ordered slices and their grid. */
    record Result(List<SliceHeader> slices, VoxelGrid grid) {
    }

    static Result build(List<SliceHeader> input, String label, List<String> warnings) throws CtInputException {
        if (input.isEmpty()) {
            throw new SeriesGeometryException(label + " holds no images");
        }
        SliceHeader first = input.get(0);
        checkSameSize(input, label);
        int columns = first.columns();
        int rows = first.rows();
        if (columns <= 0 || rows <= 0) {
            throw new SeriesGeometryException(label + " has images of " + columns + " x " + rows
                    + " pixels; an image needs at least one row and one column");
        }
        long voxels = (long) columns * rows * input.size();
        if (voxels > VoxelGrid.MAX_VOXELS) {
            throw new SeriesGeometryException(label + " would make a volume of " + columns + " x " + rows + " x "
                    + input.size() + " voxels, more than the " + VoxelGrid.MAX_VOXELS + " SacroGuide accepts");
        }
        for (SliceHeader h : input) {
            if (h.numberOfFrames() > 1) {
                throw new CtInputException(h.fileName() + " is a multi-frame image (" + h.numberOfFrames()
                        + " frames, for example Enhanced CT); SacroGuide reads series of single-frame CT images: "
                        + "export the series as classic single-frame images");
            }
        }
        double[] ps = pixelSpacing(input, label);
        double[][] dirs = orientation(input, label);
        double[] r = dirs[0];
        double[] c = dirs[1];
        double[] n = cross(r, c);

        List<SliceHeader> slices = new ArrayList<>(input.size());
        for (SliceHeader h : input) {
            if (h.imagePosition() == null || h.imagePosition().length < 3) {
                throw new SeriesGeometryException(h.fileName() + " has no ImagePositionPatient; without it the slice "
                        + "cannot be placed in the patient");
            }
            slices.add(h);
        }
        slices.sort(Comparator.<SliceHeader>comparingDouble(h -> dot(h.imagePosition(), n))
                .thenComparing(h -> h.instanceNumber() == null ? Integer.MAX_VALUE : h.instanceNumber()));
        slices = removeDuplicates(slices, n, label, warnings);

        int axis = dominantAxis(n);
        double[] sliceStep;
        if (slices.size() == 1) {
            SliceHeader h = slices.get(0);
            double spacing = h.spacingBetweenSlices() > 0 ? h.spacingBetweenSlices()
                    : h.sliceThickness() > 0 ? h.sliceThickness() : 1.0;
            warnings.add(label + " has a single image; its slice spacing (" + fmt(spacing) + " mm) was taken from "
                    + (h.spacingBetweenSlices() > 0 ? "SpacingBetweenSlices" : h.sliceThickness() > 0 ? "SliceThickness" : "nowhere (1 mm assumed)"));
            sliceStep = scale(n, spacing);
        } else {
            sliceStep = sliceStep(slices, n, axis, label, warnings);
        }
        double[] o = slices.get(0).imagePosition();
        Affine affine = Affine.ofRowMajor(
                r[0] * ps[1], c[0] * ps[0], sliceStep[0], o[0],
                r[1] * ps[1], c[1] * ps[0], sliceStep[1], o[1],
                r[2] * ps[1], c[2] * ps[0], sliceStep[2], o[2]);
        try {
            return new Result(List.copyOf(slices), new VoxelGrid(columns, rows, slices.size(), affine));
        } catch (IllegalArgumentException e) {
            throw new SeriesGeometryException(label + ": " + e.getMessage());
        }
    }

    private static void checkSameSize(List<SliceHeader> input, String label) throws SeriesGeometryException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (SliceHeader h : input) {
            sizes.merge(h.columns() + " x " + h.rows(), 1, Integer::sum);
        }
        if (sizes.size() > 1) {
            StringBuilder b = new StringBuilder();
            sizes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e -> {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(e.getValue()).append(e.getValue() == 1 ? " image" : " images").append(" of ").append(e.getKey());
            });
            throw new SeriesGeometryException(label + " mixes image sizes (" + b + " pixels); load the images of one size");
        }
    }

    private static double[] pixelSpacing(List<SliceHeader> input, String label) throws SeriesGeometryException {
        double[] ref = null;
        for (SliceHeader h : input) {
            double[] ps = h.pixelSpacing();
            if (ps == null || ps.length < 2) {
                throw new SeriesGeometryException(h.fileName() + " has no PixelSpacing; the size of its pixels is unknown");
            }
            if (!(ps[0] > 0) || !(ps[1] > 0)) {
                throw new SeriesGeometryException(h.fileName() + " has a zero or negative pixel spacing ("
                        + fmt(ps[0]) + " x " + fmt(ps[1]) + " mm); pixel spacing must be positive");
            }
            if (ref == null) {
                ref = ps;
            } else if (Math.abs(ps[0] - ref[0]) > 1e-4 * ref[0] || Math.abs(ps[1] - ref[1]) > 1e-4 * ref[1]) {
                throw new SeriesGeometryException(label + " mixes pixel spacings (" + fmt(ref[0]) + " x " + fmt(ref[1])
                        + " mm and " + fmt(ps[0]) + " x " + fmt(ps[1]) + " mm); load the images of one reconstruction");
            }
        }
        return ref;
    }

    /** Unit row and column directions, checked and shared by all slices. */
    private static double[][] orientation(List<SliceHeader> input, String label) throws SeriesGeometryException {
        double[] ref = null;
        for (SliceHeader h : input) {
            double[] iop = h.imageOrientation();
            if (iop == null || iop.length < 6) {
                throw new SeriesGeometryException(h.fileName() + " has no ImageOrientationPatient; the direction of its "
                        + "rows and columns in the patient is unknown");
            }
            if (ref == null) {
                ref = iop;
            } else {
                for (int a = 0; a < 6; a++) {
                    if (Math.abs(iop[a] - ref[a]) > 1e-3) {
                        throw new SeriesGeometryException(label + " mixes image orientations; load the images of one plane");
                    }
                }
            }
        }
        double[] r = {ref[0], ref[1], ref[2]};
        double[] c = {ref[3], ref[4], ref[5]};
        double nr = norm(r);
        double nc = norm(c);
        if (Math.abs(nr - 1) > 0.01 || Math.abs(nc - 1) > 0.01 || Math.abs(dot(r, c)) > 0.01) {
            throw new SeriesGeometryException(input.get(0).fileName() + " has an invalid ImageOrientationPatient ("
                    + fmtVector(ref) + "): it must hold two perpendicular unit vectors");
        }
        r = scale(r, 1 / nr);
        double rc = dot(r, c);
        c = new double[] {c[0] - rc * r[0], c[1] - rc * r[1], c[2] - rc * r[2]};
        c = scale(c, 1 / norm(c));
        return new double[][] {r, c};
    }

    private static List<SliceHeader> removeDuplicates(List<SliceHeader> sorted, double[] n, String label,
                                                      List<String> warnings) throws SeriesGeometryException {
        List<SliceHeader> out = new ArrayList<>(sorted.size());
        Set<String> seenUids = new HashSet<>();
        int copies = 0;
        for (SliceHeader h : sorted) {
            if (!out.isEmpty()) {
                SliceHeader prev = out.get(out.size() - 1);
                double gap = dot(h.imagePosition(), n) - dot(prev.imagePosition(), n);
                if (gap < SAME_POSITION_MM) {
                    if (!h.sopInstanceUid().isEmpty() && seenUids.contains(h.sopInstanceUid())) {
                        copies++;
                        continue;
                    }
                    int axis = dominantAxis(n);
                    throw new SeriesGeometryException(label + " has two different images at the same position "
                            + axisName(axis) + "=" + fmt1(h.imagePosition()[axis]) + " mm (" + describe(prev) + " and "
                            + describe(h) + "): it mixes two acquisitions or reconstructions; load the files of one");
                }
            }
            if (!h.sopInstanceUid().isEmpty()) {
                seenUids.add(h.sopInstanceUid());
            }
            out.add(h);
        }
        if (copies > 0) {
            warnings.add(label + ": " + copies + (copies == 1 ? " file is a copy" : " files are copies")
                    + " of another image (same SOP Instance UID) and " + (copies == 1 ? "was" : "were") + " ignored");
        }
        return out;
    }

    private static String describe(SliceHeader h) {
        return h.instanceNumber() != null ? "instance " + h.instanceNumber() : h.fileName();
    }

    /** The step between slices, after checking for gaps, uneven spacing, off-line positions and tilt. */
    private static double[] sliceStep(List<SliceHeader> slices, double[] n, int axis, String label,
                                      List<String> warnings) throws SeriesGeometryException {
        int count = slices.size();
        double[] s = new double[count];
        for (int k = 0; k < count; k++) {
            s[k] = dot(slices.get(k).imagePosition(), n);
        }
        double[] gaps = new double[count - 1];
        for (int k = 0; k + 1 < count; k++) {
            gaps[k] = s[k + 1] - s[k];
        }
        double[] sortedGaps = gaps.clone();
        java.util.Arrays.sort(sortedGaps);
        double median = sortedGaps[sortedGaps.length / 2];
        // Missing slices: a gap of 1.5 usual spacings or more.
        List<Integer> holes = new ArrayList<>();
        for (int k = 0; k < gaps.length; k++) {
            if (gaps[k] >= 1.5 * median) {
                holes.add(k);
            }
        }
        if (!holes.isEmpty() && holes.size() <= Math.max(1, gaps.length / 4)) { // many holes: uneven, below
            int k = holes.get(0);
            long missing = Math.max(1, Math.round(gaps[k] / median) - 1);
            double a = slices.get(k).imagePosition()[axis];
            double b = slices.get(k + 1).imagePosition()[axis];
            String more = holes.size() > 1 ? "; " + (holes.size() - 1) + " more gap" + (holes.size() > 2 ? "s" : "") : "";
            throw new SeriesGeometryException(label + " has " + (missing == 1 ? "a missing slice" : missing + " missing slices")
                    + " between " + axisName(axis) + "=" + fmt1(a) + " and " + axisName(axis) + "=" + fmt1(b)
                    + " mm (a gap of " + fmt1(gaps[k]) + " mm where the slices are " + fmt(median) + " mm apart" + more
                    + "); the series is incomplete: export it again or check it on the scanner");
        }
        double spacing = (s[count - 1] - s[0]) / (count - 1);
        double deviation = 0;
        int worst = 0;
        for (int k = 0; k < count; k++) {
            double d = Math.abs(s[k] - (s[0] + k * spacing));
            if (d > deviation) {
                deviation = d;
                worst = k;
            }
        }
        double minGap = sortedGaps[0];
        double maxGap = sortedGaps[sortedGaps.length - 1];
        if (deviation > 0.1 * spacing) {
            int k = Math.max(0, Math.min(worst, count - 2));
            throw new SeriesGeometryException(label + " has uneven slice spacing: gaps from " + fmt(minGap) + " to "
                    + fmt(maxGap) + " mm (the slice at " + axisName(axis) + "=" + fmt1(slices.get(worst).imagePosition()[axis])
                    + " mm is " + fmt(deviation) + " mm off a regular " + fmt(spacing) + " mm grid, near slices "
                    + (k + 1) + "-" + (k + 2) + " of " + count + "); it cannot be read as one regular volume");
        }
        if (maxGap - minGap > Math.max(0.01 * spacing, 0.005)) {
            warnings.add(label + " has slightly uneven slice spacing (gaps from " + fmt(minGap) + " to " + fmt(maxGap)
                    + " mm); slices were placed on a regular " + fmt(spacing) + " mm grid, at most " + fmt(deviation)
                    + " mm from their recorded positions");
        }
        // The straight line through the first and last positions; every slice must lie on it.
        double[] p0 = slices.get(0).imagePosition();
        double[] pl = slices.get(count - 1).imagePosition();
        double[] step = scale(sub(pl, p0), 1.0 / (count - 1));
        for (int k = 1; k + 1 < count; k++) {
            double[] expected = add(p0, scale(step, k));
            double[] off = sub(slices.get(k).imagePosition(), expected);
            double[] lateral = sub(off, scale(n, dot(off, n)));
            if (norm(lateral) > Math.max(0.1 * spacing, 0.01)) {
                throw new SeriesGeometryException(label + ": the slice positions do not lie on one straight line (the slice at "
                        + axisName(axis) + "=" + fmt1(slices.get(k).imagePosition()[axis]) + " mm is shifted by "
                        + fmt(norm(lateral)) + " mm); it cannot be read as one regular volume");
            }
        }
        double along = dot(step, n);
        double[] lateral = sub(step, scale(n, along));
        double tiltDegrees = Math.toDegrees(Math.atan2(norm(lateral), along));
        if (tiltDegrees > TILT_NOISE_DEGREES) {
            double tag = slices.get(0).gantryTilt();
            warnings.add(label + " was acquired with a gantry tilt of " + fmt1(tiltDegrees) + " degrees"
                    + (Double.isNaN(tag) || tag == 0 ? "" : " (GantryDetectorTilt " + fmt1(tag) + ")")
                    + "; the volume keeps every slice where the scanner placed it, so its slice axis is sheared "
                    + "(not perpendicular to the slices)");
            return step;
        }
        return scale(n, along);
    }

    // --- small vector helpers on double[3] -----------------------------------------------------------

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    static int dominantAxis(double[] n) {
        double ax = Math.abs(n[0]);
        double ay = Math.abs(n[1]);
        double az = Math.abs(n[2]);
        return az >= ax && az >= ay ? 2 : ay >= ax ? 1 : 0;
    }

    static String axisName(int axis) {
        return axis == 0 ? "x" : axis == 1 ? "y" : "z";
    }

    static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Up to 3 decimals, trailing zeros dropped but one kept ("3.0", "0.703"). */
    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    private static String fmtVector(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : "\\").append(fmt(v[i]));
        }
        return b.toString();
    }
}
