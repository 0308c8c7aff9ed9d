package org.sacroguide.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the bundled demo case: {@code data/demo} (and sample case files in {@code data/cases}) under the installation folder (the {@code sacroguide.home}
 * system property set by the launcher), else under the working directory or one of its parents.
 */
public final class BundledData {

    private BundledData() {
    }

    public static Path demoDir() {
        String home = System.getProperty("sacroguide.home");
        if (home != null && Files.isDirectory(Path.of(home, "data/demo"))) {
            return Path.of(home, "data/demo");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("data/demo/ct.nii.gz"))) {
                return p.resolve("data/demo");
            }
        }
        throw new ExitCodes.UsageException("the bundled demo case (data/demo/ct.nii.gz) was not found; run from the "
                + "SacroGuide folder or through its ./sacroguide launcher");
    }

    public static Path demoFile(String name) {
        return demoDir().resolve(name);
    }

    /** A bundled sample case file from {@code data/cases}. */
    public static Path caseFile(String name) {
        return demoDir().getParent().resolve("cases").resolve(name);
    }
}
