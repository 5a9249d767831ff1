package org.hls4ml.backends.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs the open tools the RTL tests need; a missing tool fails the test (it does not skip it). */
final class Tools {

    private Tools() {
    }

    static String require(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        fail(tool + " not found on PATH (" + path + "); the RTL backend tests need it: install it with the "
                + "distribution's package manager (e.g. apt-get install " + tool + ")");
        return null;
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, long timeoutSeconds, List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("rtl-tool", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("timeout after " + timeoutSeconds + " s: " + String.join(" ", cmd));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Run(p.exitValue(), out);
    }

    static String ok(Path dir, long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        Run r = run(dir, timeoutSeconds, c);
        assertEquals(0, r.exit(), () -> String.join(" ", c) + " failed:\n" + tail(r.output()));
        return r.output();
    }

    static String tail(String s) {
        return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
    }
}
