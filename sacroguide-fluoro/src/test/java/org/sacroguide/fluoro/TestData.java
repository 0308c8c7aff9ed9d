package org.sacroguide.fluoro;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's bundled data from any module's test working directory. */
public final class TestData {

    private TestData() {
    }

    /** The repository root (the folder holding {@code data/demo}). */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("data/demo"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("data/demo not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    public static Path demo(String file) {
        return repoRoot().resolve("data/demo").resolve(file);
    }
}
