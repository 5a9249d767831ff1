package org.hls4ml.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Writes generated files so native rebuilds stay incremental and nothing is ever left half-written: a file is rewritten
 * only when its content changes (its modification time is untouched otherwise), and always through a temporary file in
 * the same directory moved into place atomically.
 */
public final class FileWriting {

    private FileWriting() {
    }

    /** UTF-8 text; see {@link #writeIfChanged(Path, byte[])}. */
    public static boolean writeIfChanged(Path file, String content) throws IOException {
        return writeIfChanged(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code file} unless the file already holds exactly these bytes. Parent directories are
     * created.
     *
     * @return true when the file was written (created or changed), false when it was already up to date
     */
    public static boolean writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == content.length
                && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        writeAtomically(file, content);
        return true;
    }

    /** Always writes, through a temporary sibling file and an atomic move. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, content);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves {@code source} over {@code target}, atomically where the file system allows it. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
