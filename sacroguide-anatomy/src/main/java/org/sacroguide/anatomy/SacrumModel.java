package org.sacroguide.anatomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything later stages need to know about one patient's sacrum, on the CT's own grid and in LPS mm:
 * the label map (sacrum, canal, foramina S1-S4 left/right, ilia, L5 and disc), per-voxel part flags
 * (cortical shell, anterior cortex, left and right ala; see {@link PartFlags}), the mid-sagittal plane, the
 * foramina with their centre lines, both SI joint surfaces, ala densities and fracture candidates. Every
 * structure carries a {@link Detection}; {@code warnings} say what the radiologist must check (sacrum cut
 * by the field of view, metal, very low density).
 */
public record SacrumModel(LabelMap labels, byte[] partFlags, Plane midSagittal, List<Foramen> foramina,
                          Map<Side, SiJoint> siJoints, Map<Side, AlaDensity> alaDensity,
                          List<FractureCandidate> fractures, Map<Structure, Detection> detections,
                          List<String> warnings) {

    /** Bit flags of {@link #partFlags()}, several may be set on one voxel. */
    public static final class PartFlags {
        public static final int CORTEX = 1;
        public static final int ANTERIOR_CORTEX = 2;
        public static final int ALA_LEFT = 4;
        public static final int ALA_RIGHT = 8;
        public static final int TRABECULAR = 16;

        private PartFlags() {
        }
    }

    public SacrumModel {
        if (partFlags.length != labels.grid().voxelCount()) {
            throw new IllegalArgumentException("part flags must cover the label grid");
        }
        foramina = List.copyOf(foramina);
        siJoints = Map.copyOf(siJoints);
        alaDensity = Map.copyOf(alaDensity);
        fractures = List.copyOf(fractures);
        detections = Map.copyOf(detections);
        warnings = List.copyOf(warnings);
    }

    /** The same model with {@code warning} put before its other warnings. */
    public SacrumModel withWarningFirst(String warning) {
        List<String> w = new ArrayList<>(warnings.size() + 1);
        w.add(warning);
        w.addAll(warnings);
        return new SacrumModel(labels, partFlags, midSagittal, foramina, siJoints, alaDensity, fractures, detections, w);
    }

    public Optional<Foramen> foramen(SacralLevel level, Side side) {
        return foramina.stream().filter(f -> f.level() == level && f.side() == side).findFirst();
    }

    public Detection detection(Structure s) {
        return detections.getOrDefault(s, Detection.notFound("not modelled"));
    }
}
