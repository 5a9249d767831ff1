package org.hls4ml.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stamp file records the content hash of the inputs of a build step. Write it only after the step succeeded; delete
 * it before the step starts, so a failed or interrupted step is redone next time.
 */
public final class Stamp {

    private Stamp() {
    }

    /** The hash stored in {@code file}, or empty when there is no (readable, non-empty) stamp. */
    public static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String s = Files.readString(file, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty(); // an unreadable stamp just means: redo the step
        }
    }

    /** Whether {@code file} holds exactly {@code hash}. */
    public static boolean matches(Path file, String hash) {
        return read(file).filter(hash::equals).isPresent();
    }

    /**
     * True when the stamp holds {@code hash}, {@code output} exists and is not older than any of {@code inputs}:
     * a step's output that needs no re-run.
     */
    public static boolean fresh(Path stamp, String hash, Path output, Path... inputs) throws java.io.IOException {
        if (!matches(stamp, hash) || !java.nio.file.Files.isRegularFile(output)) {
            return false;
        }
        var time = java.nio.file.Files.getLastModifiedTime(output);
        for (Path in : inputs) {
            if (time.compareTo(java.nio.file.Files.getLastModifiedTime(in)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Stores {@code hash} atomically (parent directories are created). */
    public static void write(Path file, String hash) throws IOException {
        FileWriting.writeAtomically(file, (hash + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the stamp, forcing the step to run next time. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
