import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Normalised cross-correlation and mean ratio of two grey-scale PFM files (both top row first, as plastimatch
 * and sacroguide write them). Usage: java PfmCompare.java A.pfm B.pfm [LABEL]. Prints one line.
 */
public final class PfmCompare {
    public static void main(String[] args) throws IOException {
        float[] a = read(Path.of(args[0]));
        float[] b = read(Path.of(args[1]));
        if (a.length != b.length) {
            throw new IOException("images differ in size");
        }
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        System.out.printf(java.util.Locale.ROOT, "%-28s NCC %.6f  mean %.5f vs %.5f%n",
                args.length > 2 ? args[2] : "", sab / Math.sqrt(saa * sbb), ma, mb);
    }

    static float[] read(Path p) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(p)))) {
            String magic = token(in);
            if (!magic.equals("Pf")) {
                throw new IOException(p + ": not a grey PFM");
            }
            int w = Integer.parseInt(token(in)), h = Integer.parseInt(token(in));
            double scale = Double.parseDouble(token(in));
            byte[] bytes = in.readNBytes(4 * w * h);
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(scale < 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            float[] v = new float[w * h];
            for (int i = 0; i < v.length; i++) {
                v[i] = bb.getFloat();
            }
            return v;
        }
    }

    static String token(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (Character.isWhitespace(c)) {
                if (sb.length() > 0) {
                    break;
                }
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
