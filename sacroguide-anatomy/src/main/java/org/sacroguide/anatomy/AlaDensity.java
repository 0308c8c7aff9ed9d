package org.sacroguide.anatomy;

/**
 * Trabecular bone density of one sacral ala: mean and standard deviation of HU over its trabecular
 * interior and the number of voxels measured. A crude osteoporosis indicator, not a DXA T-score.
 */
public record AlaDensity(Side side, double meanHu, double sdHu, int voxels) {
}
