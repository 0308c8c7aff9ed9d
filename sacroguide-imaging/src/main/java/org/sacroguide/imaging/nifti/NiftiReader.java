package org.sacroguide.imaging.nifti;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.sacroguide.imaging.Affine;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.CtVolume;
import org.sacroguide.imaging.SeriesGeometryException;
import org.sacroguide.imaging.VoxelGrid;

/**
 * Reads NIfTI-1 single files ({@code .nii} and {@code .nii.gz}): uint8, int8, int16, uint16, int32,
 * float32 and float64 voxels, either byte order, sform (preferred) or qform or plain pixdim, scl_slope and
 * scl_inter, header extensions (vox_offset beyond 352). The RAS+ affine is converted to DICOM LPS+ here,
 * at the boundary. Voxels are streamed straight into the target array, so reading a CT costs little more
 * than the resulting {@link CtVolume}. Written in-house because no NIfTI library is on Maven Central.
 */
public final class NiftiReader {

    private static final int HEADER_BYTES = 348;
    private static final int CHUNK_BYTES = 1 << 20;

    private NiftiReader() {
    }

    /** Receives each voxel's scaled value by flat index (i fastest). */
    @FunctionalInterface
    public interface VoxelSink {
        void put(int index, double value);
    }

    /** Reads only the header. */
    public static NiftiHeader readHeader(Path path) throws CtInputException {
        try (InputStream in = open(path)) {
            return parseHeader(path, readFully(in, HEADER_BYTES, path, "header")).header;
        } catch (IOException e) {
            throw ioProblem(path, e);
        }
    }

    /** Reads a CT in Hounsfield units (stored value times scl_slope plus scl_inter, rounded, clamped to int16). */
    public static CtVolume readCt(Path path) throws CtInputException {
        short[][] holder = new short[1][];
        NiftiHeader h = read(path, grid -> {
            holder[0] = new short[grid.voxelCount()];
            short[] out = holder[0];
            return (index, value) -> {
                double r = Math.rint(value);
                out[index] = (short) (r < Short.MIN_VALUE ? Short.MIN_VALUE : r > Short.MAX_VALUE ? Short.MAX_VALUE : r);
            };
        });
        return new CtVolume(h.grid(), holder[0]);
    }

    /** A label map or mask: values rounded to integers 0..255 (a float 0/1 mask becomes 0/1). */
    public record Labels(VoxelGrid grid, byte[] labels) {
    }

    /** Reads a label map or binary mask; refuses values outside 0..255 or that are not whole numbers. */
    public static Labels readLabels(Path path) throws CtInputException {
        byte[][] holder = new byte[1][];
        int[] bad = {-1};
        double[] badValue = {0};
        NiftiHeader h = read(path, grid -> {
            holder[0] = new byte[grid.voxelCount()];
            byte[] out = holder[0];
            return (index, value) -> {
                long r = Math.round(value);
                if (r < 0 || r > 255 || Math.abs(value - r) > 1e-3) {
                    if (bad[0] < 0) {
                        bad[0] = index;
                        badValue[0] = value;
                    }
                    return;
                }
                out[index] = (byte) r;
            };
        });
        if (bad[0] >= 0) {
            throw new CorruptFileException(path.getFileName() + " is not a label map: voxel " + bad[0]
                    + " holds " + badValue[0] + " (expected whole numbers 0..255)");
        }
        return new Labels(h.grid(), holder[0]);
    }

    /** Streams every voxel's scaled value into the sink the factory makes for the grid. */
    public static NiftiHeader read(Path path, java.util.function.Function<VoxelGrid, VoxelSink> sinkFactory)
            throws CtInputException {
        try (InputStream in = open(path)) {
            Parsed p = parseHeader(path, readFully(in, HEADER_BYTES, path, "header"));
            long skip = p.voxOffset - HEADER_BYTES;
            if (skip > 0) {
                readFully(in, (int) skip, path, "header extension");
            }
            NiftiHeader h = p.header;
            VoxelSink sink = sinkFactory.apply(h.grid());
            int n = h.grid().voxelCount();
            int bpv = h.dataType().bytesPerVoxel();
            int perChunk = Math.max(1, CHUNK_BYTES / bpv);
            byte[] chunk = new byte[perChunk * bpv];
            ByteBuffer bb = ByteBuffer.wrap(chunk).order(p.order);
            for (int start = 0; start < n; start += perChunk) {
                int count = Math.min(perChunk, n - start);
                readInto(in, chunk, count * bpv, path, start, n);
                bb.clear();
                for (int v = 0; v < count; v++) {
                    double stored = switch (h.dataType()) {
                        case UINT8 -> bb.get() & 0xff;
                        case INT8 -> bb.get();
                        case INT16 -> bb.getShort();
                        case UINT16 -> bb.getShort() & 0xffff;
                        case INT32 -> bb.getInt();
                        case FLOAT32 -> bb.getFloat();
                        case FLOAT64 -> bb.getDouble();
                    };
                    double value = h.scale(stored);
                    if (!Double.isFinite(value)) {
                        throw new CorruptFileException(path.getFileName() + " holds a non-numeric voxel value (NaN or infinity) at voxel " + (start + v));
                    }
                    sink.put(start + v, value);
                }
            }
            return h;
        } catch (IOException e) {
            throw ioProblem(path, e);
        }
    }

    private record Parsed(NiftiHeader header, ByteOrder order, long voxOffset) {
    }

    private static Parsed parseHeader(Path path, byte[] raw) throws CtInputException {
        String name = path.getFileName().toString();
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != HEADER_BYTES) {
            b.order(ByteOrder.BIG_ENDIAN);
            if (b.getInt(0) != HEADER_BYTES) {
                throw new CorruptFileException(name + " is not a NIfTI-1 file (header size field is not 348)");
            }
        }
        String magic = new String(raw, 344, 3, java.nio.charset.StandardCharsets.US_ASCII);
        if (magic.equals("ni1")) {
            throw new CorruptFileException(name + " is a two-file NIfTI (.hdr/.img); convert it to a single .nii or .nii.gz");
        }
        if (!magic.equals("n+1")) {
            throw new CorruptFileException(name + " is not a NIfTI-1 file (magic '" + magic.trim() + "')");
        }
        int ndim = b.getShort(40);
        int[] dim = new int[8];
        for (int d = 0; d < 8; d++) {
            dim[d] = b.getShort(40 + 2 * d);
        }
        if (ndim < 2 || ndim > 7) {
            throw new CorruptFileException(name + " has an invalid number of dimensions (" + ndim + ")");
        }
        for (int d = 4; d <= ndim; d++) {
            if (dim[d] > 1) {
                throw new SeriesGeometryException(name + " is a " + ndim + "-D image (" + dim[d]
                        + " volumes along dimension " + d + "); SacroGuide needs one 3-D CT volume");
            }
        }
        int nx = dim[1];
        int ny = dim[2];
        int nz = ndim >= 3 ? dim[3] : 1;
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new SeriesGeometryException(name + " has zero or negative dimensions " + nx + " x " + ny + " x " + nz);
        }
        int code = b.getShort(70);
        NiftiDataType type = NiftiDataType.ofCode(code);
        if (type == null) {
            throw new CorruptFileException(name + " uses NIfTI data type " + code
                    + ", which SacroGuide does not read (allowed: uint8, int8, int16, uint16, int32, float32, float64)");
        }
        float[] pixdim = new float[8];
        for (int d = 0; d < 8; d++) {
            pixdim[d] = b.getFloat(76 + 4 * d);
        }
        double voxOffset = b.getFloat(108);
        double slope = b.getFloat(112);
        double inter = b.getFloat(116);
        if (!Double.isFinite(slope)) {
            slope = 0;
        }
        if (!Double.isFinite(inter)) {
            inter = 0;
        }
        int qformCode = b.getShort(252);
        int sformCode = b.getShort(254);
        double[] ras;
        String source;
        if (sformCode > 0) {
            ras = new double[12];
            for (int n = 0; n < 12; n++) {
                ras[n] = b.getFloat(280 + 4 * n);
            }
            source = "sform";
        } else if (qformCode > 0) {
            ras = qformToMatrix(b.getFloat(256), b.getFloat(260), b.getFloat(264), b.getFloat(268), b.getFloat(272),
                    b.getFloat(276), pixdim);
            source = "qform";
        } else {
            ras = new double[] {pixdim[1], 0, 0, 0, 0, pixdim[2], 0, 0, 0, 0, pixdim[3], 0};
            source = "pixdim";
        }
        for (int d = 1; d <= 3; d++) {
            if (d <= ndim && !(Math.abs(pixdim[d]) > 0) && !source.equals("sform")) {
                throw new SeriesGeometryException(name + " has zero or negative voxel spacing along axis " + d
                        + " (pixdim " + pixdim[d] + ")");
            }
        }
        // RAS+ -> LPS+: negate the x and y rows.
        for (int c = 0; c < 4; c++) {
            ras[c] = -ras[c];
            ras[4 + c] = -ras[4 + c];
        }
        VoxelGrid grid;
        try {
            Affine affine = Affine.ofRowMajor(ras);
            if (Math.abs(affine.determinant()) < 1e-9) {
                throw new SeriesGeometryException(name + " has a degenerate affine (zero voxel spacing or collinear axes)");
            }
            grid = new VoxelGrid(nx, ny, nz, affine);
        } catch (IllegalArgumentException e) {
            throw new SeriesGeometryException(name + ": " + e.getMessage());
        }
        long minOffset = HEADER_BYTES + 4;
        long offset = (long) Math.max(voxOffset, minOffset);
        return new Parsed(new NiftiHeader(grid, type, slope, inter, source), b.order(), offset);
    }

    /** The NIfTI-1 quaternion parameterisation (nifti1.h, "METHOD 2"), RAS+. */
    static double[] qformToMatrix(double qb, double qc, double qd, double qx, double qy, double qz, float[] pixdim) {
        double a = 1.0 - (qb * qb + qc * qc + qd * qd);
        if (a < 1e-7) {
            a = 1.0 / Math.sqrt(qb * qb + qc * qc + qd * qd);
            qb *= a;
            qc *= a;
            qd *= a;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double qfac = pixdim[0] < 0 ? -1 : 1;
        double dx = pixdim[1];
        double dy = pixdim[2];
        double dz = pixdim[3] * qfac;
        return new double[] {
            (a * a + qb * qb - qc * qc - qd * qd) * dx, 2 * (qb * qc - a * qd) * dy, 2 * (qb * qd + a * qc) * dz, qx,
            2 * (qb * qc + a * qd) * dx, (a * a + qc * qc - qb * qb - qd * qd) * dy, 2 * (qc * qd - a * qb) * dz, qy,
            2 * (qb * qd - a * qc) * dx, 2 * (qc * qd + a * qb) * dy, (a * a + qd * qd - qc * qc - qb * qb) * dz, qz,
        };
    }

    private static InputStream open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }

    private static byte[] readFully(InputStream in, int n, Path path, String what) throws IOException, CtInputException {
        byte[] buf = new byte[n];
        int got = in.readNBytes(buf, 0, n);
        if (got < n) {
            throw new CorruptFileException(path.getFileName() + " is truncated: its " + what + " ends after " + got
                    + " of " + n + " bytes");
        }
        return buf;
    }

    private static void readInto(InputStream in, byte[] buf, int n, Path path, int firstVoxel, int voxels)
            throws IOException, CtInputException {
        int got = in.readNBytes(buf, 0, n);
        if (got < n) {
            throw new CorruptFileException(path.getFileName() + " is truncated: the image data stops near voxel "
                    + firstVoxel + " of " + voxels);
        }
    }

    private static CtInputException ioProblem(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new CtInputException("file not found: " + path);
        }
        if (e instanceof EOFException || e instanceof ZipException) {
            return new CorruptFileException(path.getFileName() + " is truncated or its compression is damaged", e);
        }
        return new CtInputException("could not read " + path + ": " + e.getMessage(), e);
    }
}
