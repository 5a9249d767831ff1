package org.hls4ml.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.hls4ml.api.ToolException;

/**
 * Runs one native program: an argument list (never a shell string) in an explicit working directory, optional extra
 * environment variables, stdout and stderr drained on their own threads into a log file (written line by line as the
 * output arrives) and into {@link ProgressListener#debug}, and a timeout that kills the whole process tree.
 *
 * <p>The log file is truncated at the start of each run and opens with the command line and working directory.
 */
public final class ProcessRunner {

    /** How many lines of output a failure message quotes. */
    public static final int FAILURE_TAIL_LINES = 30;

    /** Roughly how long a command may get in a message before its arguments are cut. */
    private static final int DESCRIBE_CHARS = 160;

    /** How long to wait for the drain threads once the process has gone (a surviving grandchild may hold the pipe). */
    private static final long DRAIN_JOIN_MILLIS = 5_000;

    private final ProgressListener listener;

    public ProcessRunner(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    /**
     * Runs {@code command} and waits for it (or for the timeout).
     *
     * @param command    program and arguments; the program is a path or a name looked up on PATH by the OS
     * @param workingDir the directory the process starts in (must exist)
     * @param extraEnv   variables added to (overriding) this JVM's environment; may be null or empty
     * @param logFile    where the command line and all output go; parent directories are created
     * @param timeout    positive; past it the process and all its descendants are killed
     * @return how it ended; a non-zero exit or a timeout is reported, not thrown
     * @throws ToolException when the program cannot be started, the log cannot be written, or the thread is interrupted
     */
    public ProcessResult run(List<String> command, Path workingDir, Map<String, String> extraEnv, Path logFile,
                             Duration timeout) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(timeout, "timeout");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (!Files.isDirectory(workingDir)) {
            throw new ToolException("cannot run " + describe(command) + ": working directory " + workingDir
                    + " does not exist");
        }
        String program = programName(command);

        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        if (extraEnv != null) {
            builder.environment().putAll(extraEnv);
        }
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new ToolException("cannot create the directory of log file " + logFile + ": " + e.getMessage(), e);
        }

        try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            String commandLine = quote(command);
            log.write("$ " + commandLine + "\n");
            log.write("# in " + workingDir.toAbsolutePath() + "\n");
            if (extraEnv != null && !extraEnv.isEmpty()) {
                log.write("# with " + extraEnv + "\n");
            }
            log.flush();
            listener.debug("running " + commandLine + " (in " + workingDir + ", log " + logFile + ")");

            long start = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new ToolException("cannot start " + describe(command) + ": " + e.getMessage(), e);
            }
            try {
                process.getOutputStream().close(); // no stdin: a tool waiting for input must not hang
            } catch (IOException ignored) {
                // the process may already be gone
            }
            LineSink sink = new LineSink(log, program);
            Thread out = drain(process.getInputStream(), sink, program + "-stdout");
            Thread err = drain(process.getErrorStream(), sink, program + "-stderr");

            boolean finished;
            boolean interrupted = false;
            try {
                finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                finished = false;
                interrupted = true;
            }
            if (!finished) {
                killTree(process);
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            join(out);
            join(err);
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted while running " + describe(command) + "; it was killed (log "
                        + logFile + ")");
            }
            int exit = process.isAlive() ? -1 : process.exitValue();
            boolean timedOut = !finished;
            synchronized (sink) {
                sink.closed = true;
                log.write(timedOut
                        ? "# killed after the timeout of " + formatDuration(timeout) + "\n"
                        : "# exit code " + exit + " after " + formatDuration(elapsed) + "\n");
            }
            listener.debug(program + (timedOut ? " timed out after " + formatDuration(timeout)
                    : " exited with code " + exit) + " after " + formatDuration(elapsed));
            return new ProcessResult(exit, elapsed, logFile, timedOut);
        } catch (IOException e) {
            throw new ToolException("cannot write log file " + logFile + " for " + describe(command) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #run} but throws on a non-zero exit or a timeout.
     *
     * @throws ToolException naming the command, the exit code or the timeout, the log file and the last lines of output
     */
    public ProcessResult runChecked(List<String> command, Path workingDir, Map<String, String> extraEnv, Path logFile,
                                    Duration timeout) {
        ProcessResult result = run(command, workingDir, extraEnv, logFile, timeout);
        if (!result.succeeded()) {
            throw new ToolException(failureMessage(command, result, timeout));
        }
        return result;
    }

    /**
     * "`g++ -c firmware/x.cpp ...` failed with exit code 1 (log: ...); last lines of output: ...", or "... timed out
     * after 10 min ..." for a timeout.
     */
    public static String failureMessage(List<String> command, ProcessResult result, Duration timeout) {
        StringBuilder msg = new StringBuilder("`").append(describe(command)).append('`');
        if (result.timedOut()) {
            msg.append(" timed out after ").append(formatDuration(timeout == null ? result.elapsed() : timeout))
                    .append(" and was killed with all its child processes");
        } else {
            msg.append(" failed with exit code ").append(result.exitCode());
        }
        msg.append(" (full log: ").append(result.logFile()).append(")");
        String tail = result.tail(FAILURE_TAIL_LINES);
        if (!tail.isEmpty()) {
            msg.append("; last lines of output:\n").append(tail);
        }
        return msg.toString();
    }

    /**
     * The program's file name and its arguments, cut after about 160 characters: "g++ -O2 -c firmware/x.cpp -o x.o".
     */
    public static String describe(List<String> command) {
        StringBuilder b = new StringBuilder(programName(command));
        for (int i = 1; i < command.size(); i++) {
            String arg = quote(List.of(command.get(i)));
            if (b.length() + 1 + arg.length() > DESCRIBE_CHARS) {
                return b.append(" ...").toString();
            }
            b.append(' ').append(arg);
        }
        return b.toString();
    }

    /** "1.3 s", "250 ms", "12 min 5 s". */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }

    private static String programName(List<String> command) {
        String p = command.get(0);
        Path name = Path.of(p).getFileName();
        return name == null ? p : name.toString();
    }

    /** The command as a copy-pasteable POSIX shell line (for the log only: it is never executed through a shell). */
    static String quote(List<String> command) {
        List<String> parts = new ArrayList<>(command.size());
        for (String arg : command) {
            if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./-]+")) {
                parts.add(arg);
            } else {
                parts.add("'" + arg.replace("'", "'\\''") + "'");
            }
        }
        return String.join(" ", parts);
    }

    /**
     * Kills the descendants first (they lose their link to the tree once their parent dies), a few rounds in case the
     * tree is still spawning, then the process itself.
     */
    static void killTree(Process process) {
        for (int round = 0; round < 5; round++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (descendants.isEmpty()) {
                break;
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
    }

    private static void join(Thread t) {
        try {
            t.join(DRAIN_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Thread drain(InputStream stream, LineSink sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, nativeCharset()))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // stream closed under us (process killed): nothing more to read
            }
        }, "hls4ml-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Charset nativeCharset() {
        String name = System.getProperty("native.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** Serializes lines from both streams into the log (flushed per line) and the listener. */
    private final class LineSink {
        private final Writer log;
        private final String prefix;
        private boolean closed;
        private IOException failure;

        LineSink(Writer log, String program) {
            this.log = log;
            this.prefix = "[" + program + "] ";
        }

        synchronized void accept(String line) {
            if (!closed && failure == null) {
                try {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                } catch (IOException e) {
                    failure = e;
                }
            }
            listener.debug(prefix + line);
        }
    }
}
