package org.hls4ml.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** What the C++-driven tests share: the bundled headers and a working g++ (a test fails, never skips, without it). */
public final class CppToolchain {

    private CppToolchain() {
    }

    /** The bundled ap types of the module under test. */
    public static Path bundledApTypes() {
        Path headers = Paths.get("src/main/resources/org/hls4ml/include/ap_types").toAbsolutePath();
        assertTrue(Files.isRegularFile(headers.resolve("ap_fixed.h")), "bundled headers not found at " + headers);
        return headers;
    }

    /** Fails the test with what to do when {@code g++} on PATH does not run. */
    public static void requireGxx() {
        try {
            Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                fail("g++ --version failed: a working g++ on PATH is required to test the bundled ap_types headers");
            }
        } catch (IOException e) {
            fail("g++ was not found on PATH; it is required to test the bundled ap_types headers (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking g++");
        }
    }
}
