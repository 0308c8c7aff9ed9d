package org.sacroguide.imaging.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The test files: the project's DICOM corpus (with expected.json) and a few of pydicom's test files. */
final class Corpus {

    private Corpus() {
    }

    static Path resource(String name) {
        try {
            var url = Corpus.class.getResource("/" + name);
            if (url == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A folder of the corpus, e.g. "explicit_le". */
    static Path folder(String name) {
        return resource("dicom-corpus/" + name);
    }

    static Path pydicom(String file) {
        return resource("pydicom/" + file);
    }

    private static JsonNode expected;

    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = new ObjectMapper().readTree(resource("dicom-corpus/expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    /** Copies a corpus folder (recursively) into {@code target} so a test may damage it. */
    static Path copy(String name, Path target) throws IOException {
        Path src = folder(name);
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    t.toFile().setWritable(true);
                }
            }
        }
        return target;
    }
}
