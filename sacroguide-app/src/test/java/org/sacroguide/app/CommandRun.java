package org.sacroguide.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Runs {@link Main#run} in-process with standard output and error captured (tests run one at a time). */
record CommandRun(int exitCode, String out, String err) {

    static synchronized CommandRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The repository root (the folder holding data/demo), found as the commands find it. */
    static Path repoRoot() {
        return BundledData.demoDir().getParent().getParent();
    }

    /** A folder of the imaging module's DICOM test corpus, e.g. "explicit_le". */
    static Path corpus(String folder) {
        return repoRoot().resolve("sacroguide-imaging/src/test/resources/dicom-corpus").resolve(folder);
    }

    static Path pydicom(String file) {
        return repoRoot().resolve("sacroguide-imaging/src/test/resources/pydicom").resolve(file);
    }

    static Path copyCorpus(String folder, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(corpus(folder))) {
            for (Path p : s.toList()) {
                Files.copy(p, target.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /** One line of error output, no stack trace. */
    boolean errIsOneLineWithoutStackTrace() {
        return err.strip().lines().count() == 1 && !err.contains("\tat ") && !err.contains("Exception");
    }
}
