package org.hls4ml.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hls4ml.api.ToolException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolLocatorTest {

    @TempDir
    Path dir;

    Path bin1;
    Path bin2;
    Path custom;
    String path;

    @BeforeEach
    void fakeTools() throws IOException {
        bin1 = Files.createDirectory(dir.resolve("bin1"));
        bin2 = Files.createDirectory(dir.resolve("bin2"));
        custom = Files.createDirectory(dir.resolve("custom"));
        executable(bin2.resolve("fakecc"));
        executable(bin1.resolve("othercc"));
        executable(custom.resolve("fakecc"));
        Files.writeString(bin1.resolve("fakecc"), "not executable"); // first on PATH but must be skipped
        path = bin1 + java.io.File.pathSeparator + bin2;
    }

    private static Path executable(Path p) throws IOException {
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void pathIsSearchedInOrderSkippingNonExecutables() {
        ToolLocator locator = new ToolLocator(Map.of("PATH", path));
        assertEquals(bin2.resolve("fakecc"), locator.locate("fakecc", null, "FAKE_CC", "hint"));
    }

    @Test
    void environmentVariableBeatsPath() {
        ToolLocator byPath = new ToolLocator(Map.of("PATH", path, "FAKE_CC", custom.resolve("fakecc").toString()));
        assertEquals(custom.resolve("fakecc"), byPath.locate("fakecc", null, "FAKE_CC", "hint"));
        // a program name in the variable is looked up on PATH
        ToolLocator byName = new ToolLocator(Map.of("PATH", path, "FAKE_CC", "othercc"));
        assertEquals(bin1.resolve("othercc"), byName.locate("fakecc", null, "FAKE_CC", "hint"));
    }

    @Test
    void explicitPathBeatsEverything() throws IOException {
        Path explicit = executable(dir.resolve("my-cc"));
        ToolLocator locator = new ToolLocator(Map.of("PATH", path, "FAKE_CC", custom.resolve("fakecc").toString()));
        assertEquals(explicit, locator.locate("fakecc", explicit, "FAKE_CC", "hint"));
    }

    @Test
    void badExplicitPathFailsInsteadOfFallingBack() {
        ToolLocator locator = new ToolLocator(Map.of("PATH", path));
        Path missing = dir.resolve("nowhere/cc");
        ToolException e = assertThrows(ToolException.class, () -> locator.locate("fakecc", missing, "FAKE_CC", "h"));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void unresolvableEnvironmentVariableWarnsAndFallsBackToPath() {
        List<String> warnings = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void info(String msg) {
            }

            @Override
            public void warn(String msg) {
                warnings.add(msg);
            }
        };
        ToolLocator locator = new ToolLocator(Map.of("PATH", path, "FAKE_CC", "/opt/none/cc"), listener);
        assertEquals(bin2.resolve("fakecc"), locator.locate("fakecc", null, "FAKE_CC", "hint"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("/opt/none/cc"), warnings.get(0));
    }

    @Test
    void missListsEveryPlaceSearchedAndTheHint() {
        ToolLocator locator = new ToolLocator(Map.of("PATH", path, "FAKE_CC", "/opt/none/cc"));
        ToolException e = assertThrows(ToolException.class, () -> locator.locate("nosuchcc", null, "FAKE_CC",
                "install it with `apt-get install g++`, or point to it with <gxx> / -Dhls4ml.gxx"));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("cannot find nosuchcc; searched:"), msg);
        assertTrue(msg.contains("environment variable FAKE_CC=/opt/none/cc"), msg);
        assertTrue(msg.contains("  - " + bin1), msg);
        assertTrue(msg.contains("  - " + bin2), msg);
        assertTrue(msg.endsWith("Install it with `apt-get install g++`, or point to it with <gxx> / -Dhls4ml.gxx"),
                msg);

        ToolException unset = assertThrows(ToolException.class,
                () -> new ToolLocator(Map.of()).locate("nosuchcc", null, "FAKE_CC", null));
        assertTrue(unset.getMessage().contains("environment variable FAKE_CC (not set)"), unset.getMessage());
        assertTrue(unset.getMessage().contains("PATH (not set or empty)"), unset.getMessage());
    }

    @Test
    void findIsEmptyForAMissingOptionalTool() {
        ToolLocator locator = new ToolLocator(Map.of("PATH", path));
        assertEquals(Optional.empty(), locator.find("verilator-fake", null, null));
        assertEquals(Optional.of(bin2.resolve("fakecc")), locator.find("fakecc", null, null));
    }

    @Test
    void homeVariablesAreSearchedInOrderBetweenTheVariableAndPath() throws IOException {
        Path home1 = Files.createDirectories(dir.resolve("home1/bin"));
        Path home2 = Files.createDirectories(dir.resolve("home2/bin"));
        executable(home2.resolve("fakecc"));
        Map<String, String> env = Map.of("PATH", path, "HOME_A", dir.resolve("home1").toString(),
                "HOME_B", dir.resolve("home2").toString());
        ToolLocator.Lookup hit = new ToolLocator(env).lookup("fakecc", null, null, List.of("HOME_A", "HOME_B"));
        assertEquals(home2.resolve("fakecc"), hit.path());
        assertEquals(List.of("$HOME_A/bin = " + home1, "$HOME_B/bin = " + home2), hit.searched());
        // home1 gets the tool: it comes first; an unset home variable is skipped, PATH comes last
        executable(home1.resolve("fakecc"));
        assertEquals(home1.resolve("fakecc"), new ToolLocator(env).lookup("fakecc", null, null,
                List.of("HOME_C", "HOME_A")).path());
        ToolLocator.Lookup miss = new ToolLocator(Map.of("PATH", path)).lookup("fakecc2", null, null,
                List.of("HOME_A"));
        assertTrue(!miss.found());
        assertEquals(List.of("environment variable HOME_A (not set)", bin1.toString(), bin2.toString()),
                miss.searched());
        // the explicit path still comes first
        assertEquals(custom.resolve("fakecc"), new ToolLocator(env).lookup("fakecc", custom.resolve("fakecc"), null,
                List.of("HOME_A")).path());
    }
}
