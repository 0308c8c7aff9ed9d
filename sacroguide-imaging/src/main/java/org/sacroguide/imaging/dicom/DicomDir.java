package org.sacroguide.imaging.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sacroguide.imaging.CorruptFileException;
import org.sacroguide.imaging.CtInputException;

/**
 * A DICOMDIR (PS3.10 section 7, Media Storage Directory): the files its directory records reference
 * (Referenced File ID, path components relative to the DICOMDIR's folder). Names on CDs are upper-case
 * ISO 9660 names; when the disk holds them in another case, the match falls back to ignoring case.
 */
final class DicomDir {

    private DicomDir() {
    }

    /** True when the file is named DICOMDIR or declares the Media Storage Directory SOP class. */
    static boolean isDicomDir(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().equalsIgnoreCase("DICOMDIR")) {
            return true;
        }
        try {
            DicomParser p = DicomParser.open(file);
            try {
                return SliceHeader.MEDIA_STORAGE_DIRECTORY.equals(p.mediaStorageSopClassUid());
            } finally {
                p.closeQuietly();
            }
        } catch (CtInputException e) {
            return false;
        }
    }

    /** The referenced files that exist, and warnings for those that do not. */
    static List<Path> referencedFiles(Path dicomDir, List<String> warnings) throws CtInputException {
        List<String[]> ids = new ArrayList<>();
        DicomParser p = DicomParser.open(dicomDir);
        try {
            p.walk(new DicomParser.Handler() {
                @Override
                public boolean wants(int depth, int tag) {
                    return depth == 1 && tag == Tag.REFERENCED_FILE_ID.code;
                }

                @Override
                public void value(int depth, int tag, String vr, byte[] value, boolean bigEndian) {
                    ids.add(DicomValues.split(DicomValues.string(value)));
                }

                @Override
                public boolean descend(int depth, int tag) {
                    return depth == 0 && tag == Tag.DIRECTORY_RECORD_SEQUENCE.code;
                }
            }, false);
        } finally {
            p.closeQuietly();
        }
        Path root = dicomDir.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        int missing = 0;
        String firstMissing = null;
        for (String[] id : ids) {
            Path f = resolve(root, id);
            if (f == null) {
                missing++;
                if (firstMissing == null) {
                    firstMissing = String.join("/", id);
                }
            } else {
                files.add(f);
            }
        }
        if (missing > 0) {
            warnings.add("the DICOMDIR references " + missing + " file" + (missing == 1 ? "" : "s")
                    + " that do not exist (first: " + firstMissing + ")");
        }
        if (files.isEmpty() && ids.isEmpty()) {
            throw new CorruptFileException(dicomDir.getFileName() + " is a DICOMDIR that references no files");
        }
        return files;
    }

    private static Path resolve(Path root, String[] components) {
        Path p = root;
        for (String c : components) {
            if (c.isEmpty() || c.equals("..") || c.equals(".")) {
                return null;
            }
            Path exact = p.resolve(c);
            if (Files.exists(exact)) {
                p = exact;
                continue;
            }
            Path match = null;
            try (Stream<Path> s = Files.list(p)) {
                match = s.filter(x -> x.getFileName().toString().equalsIgnoreCase(c)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
            if (match == null) {
                return null;
            }
            p = match;
        }
        return Files.isRegularFile(p) ? p : null;
    }
}
