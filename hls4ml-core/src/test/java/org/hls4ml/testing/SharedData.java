package org.hls4ml.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project's shared reference data ({@code ../shared} next to the repository): models under
 * {@code models/}, reference data under {@code reference/}.
 *
 * <p>The build passes the folder as system property {@code hls4ml.shared.dir}; without it the lookup falls back to
 * {@code ../shared} relative to the repository root (the module's parent when tests run in the module directory).
 * When the folder is absent, tests calling these methods are skipped with a message saying so.
 */
public final class SharedData {

    public static final String PROPERTY = "hls4ml.shared.dir";

    private SharedData() {
    }

    /** The shared folder; skips the calling test when it is absent. */
    public static Path dir() {
        Path found = find();
        assumeTrue(found != null, () -> "shared reference data not found (looked at system property " + PROPERTY
                + "=" + System.getProperty(PROPERTY) + ", ../shared and ../../shared); skipping the test that needs it");
        return found;
    }

    /** A file under shared/models (e.g. "keras/KERAS_3layer.json"); skips the test when it is absent. */
    public static Path model(String relative) {
        return existing(dir().resolve("models").resolve(relative));
    }

    /** A file under shared/reference (e.g. "inputs/jet16_normal_n10000.dat"); skips the test when it is absent. */
    public static Path reference(String relative) {
        return existing(dir().resolve("reference").resolve(relative));
    }

    /**
     * The first {@code n} lines of a file under shared/reference, written to {@code dir} as
     * {@code <name>_head<n>.dat}; fails when the file has fewer lines.
     */
    public static Path referenceHead(String relative, int n, Path dir) throws java.io.IOException {
        Path from = reference(relative);
        java.util.List<String> lines;
        try (java.util.stream.Stream<String> s = Files.lines(from)) {
            lines = s.limit(n).toList();
        }
        if (lines.size() != n) {
            throw new AssertionError(from + " has " + lines.size() + " lines, fewer than " + n);
        }
        String name = from.getFileName().toString().replaceFirst("\\.dat$", "");
        return Files.write(dir.resolve(name + "_head" + n + ".dat"), lines);
    }

    private static Path existing(Path p) {
        assumeTrue(Files.exists(p), () -> "shared reference file " + p + " is absent; skipping the test that needs it");
        return p;
    }

    private static Path find() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        // Tests run in the module directory (hls4ml-core); the repository root is its parent.
        for (Path candidate : new Path[] {Path.of("..", "shared"), Path.of("..", "..", "shared")}) {
            Path p = candidate.toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("models"))) {
                return p;
            }
        }
        return null;
    }
}
