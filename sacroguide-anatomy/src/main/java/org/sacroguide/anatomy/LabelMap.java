package org.sacroguide.anatomy;

import org.sacroguide.imaging.VoxelGrid;

/**
 * One {@link Structure} label per voxel (0 = background) on a CT's grid, as a flat {@code byte[]} indexed
 * like the CT ({@link VoxelGrid#index}). Immutable by contract: {@link #labelArray()} is for reading in hot
 * loops only.
 */
public final class LabelMap {

    private final VoxelGrid grid;
    private final byte[] labels;

    /** Wraps the array without copying; the caller must not modify it afterwards. */
    public LabelMap(VoxelGrid grid, byte[] labels) {
        if (labels.length != grid.voxelCount()) {
            throw new IllegalArgumentException("label array holds " + labels.length + " values but the grid has "
                    + grid.voxelCount() + " voxels");
        }
        this.grid = grid;
        this.labels = labels;
    }

    public VoxelGrid grid() {
        return grid;
    }

    public byte[] labelArray() {
        return labels;
    }

    public int labelAt(int i, int j, int k) {
        return labels[grid.index(i, j, k)] & 0xff;
    }

    public boolean is(int index, Structure s) {
        return (labels[index] & 0xff) == s.label();
    }

    public int count(Structure s) {
        int n = 0;
        byte v = (byte) s.label();
        for (byte b : labels) {
            if (b == v) {
                n++;
            }
        }
        return n;
    }

    public double volumeMl(Structure s) {
        return count(s) * grid.voxelVolumeMl();
    }

    /** A 0/1 mask of one structure. */
    public boolean[] mask(Structure s) {
        boolean[] m = new boolean[labels.length];
        byte v = (byte) s.label();
        for (int n = 0; n < labels.length; n++) {
            m[n] = labels[n] == v;
        }
        return m;
    }
}
