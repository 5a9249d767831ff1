package org.hls4ml.tools;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a native process ended.
 *
 * @param exitCode the exit code; when {@code timedOut} it is whatever the killed process reported (or -1)
 * @param elapsed  wall-clock time from start to exit (or to the kill)
 * @param logFile  the file holding the command line and everything the process wrote to stdout and stderr
 * @param timedOut whether the process tree was killed because it ran past its timeout
 */
public record ProcessResult(int exitCode, Duration elapsed, Path logFile, boolean timedOut) {

    /** Bytes read from the end of the log to find its last lines; enough for any sensible tail. */
    private static final int TAIL_WINDOW = 256 * 1024;

    /** Exit code 0 and no timeout. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** The last {@code lines} lines of the log (joined with '\n'), or "" when the log is empty or unreadable. */
    public String tail(int lines) {
        return String.join("\n", tailLines(logFile, lines));
    }

    /** The last {@code lines} lines of a text file; reads at most the last 256 KiB, so huge logs stay cheap. */
    static List<String> tailLines(Path file, int lines) {
        if (lines <= 0 || file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int window = (int) Math.min(length, TAIL_WINDOW);
            byte[] bytes = new byte[window];
            raf.seek(length - window);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<String> all = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
            if (window < length && !all.isEmpty()) {
                all.remove(0); // probably a partial line
            }
            while (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
                all.remove(all.size() - 1);
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of();
        }
    }
}
