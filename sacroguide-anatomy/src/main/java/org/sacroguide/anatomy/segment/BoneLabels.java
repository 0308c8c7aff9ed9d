package org.sacroguide.anatomy.segment;

import org.sacroguide.imaging.VoxelGrid;

/**
 * Bone separation on a CT's grid: one byte per voxel with the {@code Structure} label of the sacrum, the
 * left or right ilium or L5 (vertebrae above L5 carry the L5 label's neighbour value {@link #SPINE_ABOVE}),
 * 0 elsewhere; plus the patient x (LPS mm) of the body's mid-line found on the way. Input of
 * {@link SacrumAnalyzer}; produced by {@link SacrumSegmenter} or from masks the user supplies.
 */
public record BoneLabels(VoxelGrid grid, byte[] labels, double midlineXMm) {

    /** Label used for lumbar vertebrae above L5 inside the bone separation only (never written out). */
    public static final byte SPINE_ABOVE = 100;

    public BoneLabels {
        if (labels.length != grid.voxelCount()) {
            throw new IllegalArgumentException("bone labels must cover the CT grid");
        }
    }
}
