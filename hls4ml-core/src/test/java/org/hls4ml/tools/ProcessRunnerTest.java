package org.hls4ml.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hls4ml.api.ToolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    @TempDir
    Path dir;

    private final List<String> debug = Collections.synchronizedList(new ArrayList<>());
    private final ProgressListener listener = new ProgressListener() {
        @Override
        public void info(String msg) {
        }

        @Override
        public void warn(String msg) {
        }

        @Override
        public void debug(String msg) {
            debug.add(msg);
        }
    };
    private final ProcessRunner runner = new ProcessRunner(listener);

    @Test
    void reportsExitCodeAndLogsBothStreams() throws IOException {
        Path log = dir.resolve("logs/run.log");
        ProcessResult r = runner.run(List.of("sh", "-c", "echo out-line; echo err-line >&2; exit 3"), dir, null, log,
                Duration.ofSeconds(30));
        assertEquals(3, r.exitCode());
        assertFalse(r.timedOut());
        assertFalse(r.succeeded());
        assertEquals(log, r.logFile());
        String text = Files.readString(log);
        assertTrue(text.contains("out-line"), text);
        assertTrue(text.contains("err-line"), text);
        assertTrue(text.startsWith("$ sh -c "), text);
        assertTrue(debug.contains("[sh] out-line"), debug.toString());
        assertTrue(debug.contains("[sh] err-line"), debug.toString());
    }

    @Test
    void zeroExitSucceedsAndUsesWorkingDirAndEnvironment() throws IOException {
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.writeString(work.resolve("marker.txt"), "here");
        ProcessResult r = runner.runChecked(List.of("sh", "-c", "cat marker.txt; echo \" $HLS4ML_TEST_VAR\""), work,
                Map.of("HLS4ML_TEST_VAR", "value 42"), dir.resolve("env.log"), Duration.ofSeconds(30));
        assertTrue(r.succeeded());
        assertEquals("here value 42", r.tail(2).lines().filter(l -> !l.startsWith("#")).reduce((a, b) -> b)
                .orElseThrow());
    }

    @Test
    void tailGivesTheLastLines() {
        ProcessResult r = runner.run(List.of("sh", "-c", "i=1; while [ $i -le 100 ]; do echo line$i; i=$((i+1)); done"),
                dir, null, dir.resolve("tail.log"), Duration.ofSeconds(30));
        // the runner appends one footer line ("# exit code 0 after ...")
        List<String> tail = r.tail(4).lines().toList();
        assertEquals(List.of("line98", "line99", "line100"), tail.subList(0, 3));
        assertTrue(tail.get(3).startsWith("# exit code 0"), tail.get(3));
        assertEquals("", r.tail(0));
    }

    @Test
    void runCheckedNamesCommandExitCodeLogAndOutput() {
        Path log = dir.resolve("fail.log");
        ToolException e = assertThrows(ToolException.class, () -> runner.runChecked(
                List.of("sh", "-c", "echo 'fatal: something broke' >&2; exit 7"), dir, null, log,
                Duration.ofSeconds(30)));
        String msg = e.getMessage();
        assertTrue(msg.contains("`sh -c"), msg);
        assertTrue(msg.contains("exit code 7"), msg);
        assertTrue(msg.contains(log.toString()), msg);
        assertTrue(msg.contains("fatal: something broke"), msg);
    }

    @Test
    void missingProgramIsAToolException() {
        ToolException e = assertThrows(ToolException.class, () -> runner.run(
                List.of(dir.resolve("no-such-tool").toString()), dir, null, dir.resolve("x.log"),
                Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("cannot start no-such-tool"), e.getMessage());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path log = dir.resolve("timeout.log");
        long start = System.nanoTime();
        ProcessResult r = runner.run(List.of("sh", "-c", "sleep 100 & echo child $!; sleep 100 & echo child $!; wait"),
                dir, null, log, Duration.ofSeconds(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(r.timedOut());
        assertFalse(r.succeeded());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);

        List<Long> children = Files.readAllLines(log).stream().filter(l -> l.startsWith("child "))
                .map(l -> Long.parseLong(l.substring(6).trim())).toList();
        assertEquals(2, children.size(), "the shell should have reported two children: " + Files.readString(log));
        for (long pid : children) {
            assertTrue(waitUntilGone(pid, Duration.ofSeconds(10)), "child " + pid + " still alive after the timeout");
        }
        assertTrue(Files.readString(log).contains("# killed after the timeout of 1.0 s"), Files.readString(log));

        ToolException e = assertThrows(ToolException.class, () -> runner.runChecked(List.of("sleep", "100"), dir, null,
                dir.resolve("t2.log"), Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("`sleep 100` timed out after 300 ms"), e.getMessage());
    }

    /** Gone = no such process, or a zombie waiting for a reaper that will never come in some containers. */
    private static boolean waitUntilGone(long pid, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive() || isZombie(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true; // no /proc entry: gone
        }
    }

    @Test
    void describeShortensLongCommands() {
        assertEquals("g++ -O2 -std=c++14 -c a.cpp -o a.o",
                ProcessRunner.describe(List.of("/usr/bin/g++", "-O2", "-std=c++14", "-c", "a.cpp", "-o", "a.o")));
        List<String> longCommand = new ArrayList<>(List.of("g++"));
        for (int i = 0; i < 100; i++) {
            longCommand.add("-Iinclude/dir" + i);
        }
        String described = ProcessRunner.describe(longCommand);
        assertTrue(described.startsWith("g++ -Iinclude/dir0 -Iinclude/dir1 "), described);
        assertTrue(described.endsWith(" ...") && described.length() <= 164, described);
        assertEquals("sh -c 'echo it'\\''s'", ProcessRunner.quote(List.of("sh", "-c", "echo it's")));
    }
}
