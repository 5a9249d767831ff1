package org.hls4ml.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hls4ml.tools.FileWriting;

/** Puts a generated project on disk, rewriting only files whose content changed (keeps native builds incremental). */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /**
     * Writes the project into {@code dir}; files listed in the previous manifest but not generated any more are deleted.
     * Returns the number of files written.
     */
    public static int sync(Path dir, GeneratedProject project, ProjectManifest previous) {
        int written = 0;
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : project.files().entrySet()) {
                if (FileWriting.writeIfChanged(dir.resolve(e.getKey()), e.getValue())) {
                    written++;
                }
            }
            if (previous != null) {
                for (String old : previous.files()) {
                    if (!project.files().containsKey(old)) {
                        Files.deleteIfExists(dir.resolve(old));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HLS project to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }
}
