package org.hls4ml.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.SimulationFailureException;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.FileWriting;
import org.hls4ml.tools.ProcessResult;
import org.hls4ml.tools.ProcessRunner;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.tools.ToolLocator;

/**
 * The C simulation of a generated HLS project, the open-tier way: g++ compiles {@code firmware/<project>.cpp} and
 * {@code <project>_test.cpp} in parallel into {@code build/csim/*.o}, links {@code build/csim/<project>_csim}, and runs
 * it in the project directory, where the test bench reads {@code tb_data/tb_input_features.dat} and writes
 * {@code tb_data/csim_results.log}, one line per sample.
 *
 * <p>Incremental: a hash of every file under {@code firmware/}, the test bench, the flags, the include directories and
 * the compiler is stored in {@code build/csim/compile.stamp} after a successful link; when it matches and the binary
 * exists nothing is compiled. A second stamp ({@code build/csim/run.stamp}) covers the binary and the tb_data inputs;
 * when it matches and the results are complete and newer than both, the simulation is not re-run.
 *
 * <p>The test bench writes its results itself, so they cannot be written to a temporary name: instead a stale results
 * file is deleted before the run, and the output of a failed, killed or incomplete run is renamed to
 * {@code csim_results.log.failed}, so a complete-looking {@code csim_results.log} only ever comes from a good run.
 * All logs go to {@code build/csim/*.log}.
 */
public final class CSimulator {

    /** Bump when the way the binary is built changes, so old stamps no longer match. */
    private static final String BUILD_FORMAT = "hls4ml-csim-1";
    static final String GXX_HINT = "install it with `apt-get install g++` (or your distribution's equivalent), "
            + "or point to it with <gxx> / -Dhls4ml.gxx or the HLS4ML_GXX environment variable";

    public CSimResult csim(CSimRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return new Run(request).execute();
        } catch (IOException e) {
            throw new Hls4mlException("C simulation of " + request.projectName() + " in " + request.projectDir()
                    + " failed on an I/O error: " + e, e);
        }
    }

    /** One csim invocation: the paths and the steps. */
    private static final class Run {
        private final CSimRequest req;
        private final ProgressListener listener;
        private final ProcessRunner runner;
        private final Path prj;
        private final String name;
        private final Path buildDir;
        private final Path binary;
        private final Path input;
        private final Path predictions;
        private final Path results;
        private final Path failedResults;
        private final Path compileStamp;
        private final Path runStamp;
        private Path gxx;

        Run(CSimRequest req) {
            this.req = req;
            this.listener = req.listener();
            this.runner = new ProcessRunner(listener);
            this.prj = req.projectDir().toAbsolutePath().normalize();
            this.name = req.projectName();
            this.buildDir = prj.resolve("build").resolve("csim");
            this.binary = buildDir.resolve(name + "_csim");
            this.input = prj.resolve("tb_data").resolve("tb_input_features.dat");
            this.predictions = prj.resolve("tb_data").resolve("tb_output_predictions.dat");
            this.results = prj.resolve("tb_data").resolve("csim_results.log");
            this.failedResults = prj.resolve("tb_data").resolve("csim_results.log.failed");
            this.compileStamp = buildDir.resolve("compile.stamp");
            this.runStamp = buildDir.resolve("run.stamp");
        }

        CSimResult execute() throws IOException {
            Path firmwareCpp = prj.resolve("firmware").resolve(name + ".cpp");
            Path testBench = prj.resolve(name + "_test.cpp");
            requireFile(firmwareCpp, "the firmware source");
            requireFile(testBench, "the test bench");
            if (!Files.isRegularFile(input)) {
                throw new ConfigurationException("C simulation of " + name + " needs input samples, but " + input
                        + " does not exist: give the model's test inputs (InputData), one sample per line");
            }
            if (req.vendorIncludeDir() != null && !Files.isDirectory(req.vendorIncludeDir())) {
                throw new ConfigurationException("the vendor include directory " + req.vendorIncludeDir()
                        + " does not exist");
            }
            // Validate the inputs before spending seconds on g++.
            int samples = DatFile.readRaw(input, req.inputSize(), "the model input").size();
            if (samples == 0) {
                throw new ConfigurationException(input + " holds no samples");
            }
            // an explicit path is checked by the locator too, so a wrong one fails saying so instead of at exec time
            gxx = new ToolLocator(System.getenv(), listener).locate("g++", req.gxx(), "HLS4ML_GXX", GXX_HINT);
            Files.createDirectories(buildDir);

            List<String> includes = includeFlags();
            String compileHash = compileHash(includes);
            boolean compiled = false;
            Duration compileTime = Duration.ZERO;
            if (Stamp.matches(compileStamp, compileHash) && Files.isExecutable(binary)) {
                listener.info("C simulation: " + binary.getFileName() + " is up to date, not recompiling");
            } else {
                compileTime = compile(includes, compileHash);
                compiled = true;
            }

            String runHash = runHash(compileHash);
            if (!compiled && resultsUpToDate(runHash, samples)) {
                listener.info("C simulation: up to date (" + samples + " samples in " + prj.relativize(results)
                        + ")");
                return new CSimResult(false, false, binary, results, Duration.ZERO, Duration.ZERO, samples);
            }
            Duration runTime = simulate(samples);
            Stamp.write(runStamp, runHash);
            return new CSimResult(compiled, true, binary, results, compileTime, runTime, samples);
        }

        private void requireFile(Path file, String what) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("C simulation of " + name + ": " + what + " " + file
                        + " does not exist; is " + prj + " a generated HLS project named " + name + "?");
            }
        }

        private List<String> includeFlags() {
            List<String> flags = new ArrayList<>();
            flags.add("-I.");
            flags.add("-Ifirmware");
            if (req.vendorIncludeDir() != null) {
                flags.add("-I" + req.vendorIncludeDir().toAbsolutePath().normalize());
            } else if (Files.isDirectory(prj.resolve("firmware").resolve("ap_types"))) {
                flags.add("-Ifirmware/ap_types");
            }
            for (Path dir : req.includeDirs()) {
                flags.add("-I" + dir.toAbsolutePath().normalize());
            }
            return flags;
        }

        /**
         * HLS pragmas do not change what g++ compiles (they are unknown pragmas to it): the FIFO depth optimization
         * rewrites stream depths without making the C simulation stale.
         */
        private static final java.util.regex.Pattern HLS_PRAGMA = java.util.regex.Pattern.compile("\\s*#pragma\\s+HLS\\b.*");

        private String compileHash(List<String> includes) throws IOException {
            ContentHash h = new ContentHash()
                    .add("format", BUILD_FORMAT)
                    .add("project", name)
                    .add("gxx", gxx.toAbsolutePath().toString())
                    .addFileMetadata("gxx-binary", gxx)
                    .add("flags", req.compilerFlags())
                    .add("includes", includes)
                    .addTreeIgnoringLines(prj.resolve("firmware"), HLS_PRAGMA)
                    .addFile("test-bench", prj.resolve(name + "_test.cpp"));
            // Directories the build does not own: by name, size and time, not content (a vendor tree is large).
            if (req.vendorIncludeDir() != null) {
                h.addTreeMetadata(req.vendorIncludeDir());
            }
            for (Path dir : req.includeDirs()) {
                h.addTreeMetadata(dir);
            }
            return h.hex();
        }

        private Duration compile(List<String> includes, String compileHash) throws IOException {
            // A failed or interrupted build must never look finished next time.
            Stamp.delete(compileStamp);
            Stamp.delete(runStamp);
            Files.deleteIfExists(binary);
            listener.info("C simulation: compiling " + name + " with " + gxx + " " + String.join(" ",
                    req.compilerFlags()));
            long start = System.nanoTime();

            Path buildRel = prj.relativize(buildDir);
            String firmwareObj = buildRel.resolve(name + ".o").toString();
            String testObj = buildRel.resolve(name + "_test.o").toString();
            List<String> firmwareCmd = compileCommand(includes, "firmware/" + name + ".cpp", firmwareObj);
            List<String> testCmd = compileCommand(includes, name + "_test.cpp", testObj);

            ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "hls4ml-csim-compile");
                t.setDaemon(true);
                return t;
            });
            try {
                CompletableFuture<ProcessResult> fw = CompletableFuture.supplyAsync(() -> runner.run(firmwareCmd, prj,
                        Map.of(), buildDir.resolve("compile_" + name + ".log"), req.timeout()), pool);
                CompletableFuture<ProcessResult> tb = CompletableFuture.supplyAsync(() -> runner.run(testCmd, prj,
                        Map.of(), buildDir.resolve("compile_" + name + "_test.log"), req.timeout()), pool);
                ProcessResult fwResult = join(fw);
                ProcessResult tbResult = join(tb);
                ToolException failure = null;
                if (!fwResult.succeeded()) {
                    failure = compileFailure(firmwareCmd, fwResult);
                }
                if (!tbResult.succeeded()) {
                    ToolException e = compileFailure(testCmd, tbResult);
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } finally {
                pool.shutdownNow();
            }

            List<String> linkCmd = new ArrayList<>();
            linkCmd.add(gxx.toString());
            linkCmd.addAll(req.compilerFlags());
            linkCmd.add(firmwareObj);
            linkCmd.add(testObj);
            linkCmd.add("-o");
            linkCmd.add(prj.relativize(binary).toString());
            ProcessResult link = runner.run(linkCmd, prj, Map.of(), buildDir.resolve("link.log"), req.timeout());
            if (!link.succeeded()) {
                throw new ToolException("C simulation of " + name + ": linking failed: "
                        + ProcessRunner.failureMessage(linkCmd, link, req.timeout()));
            }
            Stamp.write(compileStamp, compileHash);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listener.info("C simulation: compiled " + name + " in " + ProcessRunner.formatDuration(took));
            return took;
        }

        private List<String> compileCommand(List<String> includes, String source, String object) {
            List<String> cmd = new ArrayList<>();
            cmd.add(gxx.toString());
            cmd.addAll(req.compilerFlags());
            cmd.addAll(includes);
            cmd.add("-c");
            cmd.add(source);
            cmd.add("-o");
            cmd.add(object);
            return cmd;
        }

        private ToolException compileFailure(List<String> cmd, ProcessResult result) {
            return new ToolException("C simulation of " + name + ": compiling failed: "
                    + ProcessRunner.failureMessage(cmd, result, req.timeout()));
        }

        private static ProcessResult join(CompletableFuture<ProcessResult> f) {
            try {
                return f.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        }

        private String runHash(String compileHash) throws IOException {
            return new ContentHash()
                    .add("compile", compileHash)
                    .addFileMetadata("binary", binary)
                    .addFile("input", input)
                    .addFile("predictions", predictions)
                    .hex();
        }

        private boolean resultsUpToDate(String runHash, int samples) throws IOException {
            return Stamp.fresh(runStamp, runHash, results, input, binary) && DatFile.countSamples(results) == samples;
        }

        private Duration simulate(int samples) throws IOException {
            Stamp.delete(runStamp);
            Files.deleteIfExists(results);
            Files.deleteIfExists(failedResults);
            Path log = buildDir.resolve("run.log");
            List<String> cmd = List.of(binary.toString());
            listener.info("C simulation: running " + name + " on " + samples + " samples");
            ProcessResult run = runner.run(cmd, prj, Map.of(), log, req.timeout());
            if (run.timedOut()) {
                setAside();
                throw new ToolException("C simulation of " + name + " did not finish within "
                        + ProcessRunner.formatDuration(req.timeout()) + " on " + samples
                        + " samples and was killed; raise the C simulation timeout if that many samples need longer,"
                        + " otherwise the design may be stuck (an io_stream deadlock?). "
                        + ProcessRunner.failureMessage(cmd, run, req.timeout()));
            }
            if (run.exitCode() != 0) {
                setAside();
                throw new SimulationFailureException("C simulation of " + name + " failed: "
                        + ProcessRunner.failureMessage(cmd, run, req.timeout()));
            }
            if (!Files.isRegularFile(results)) {
                throw new SimulationFailureException("C simulation of " + name + " wrote no " + prj.relativize(results)
                        + " (the test bench must write one line per sample; log: " + log + ")");
            }
            int got;
            try {
                got = DatFile.readRaw(results, req.outputSize(), "the model output").size();
            } catch (ConfigurationException e) {
                setAside();
                throw new SimulationFailureException("C simulation of " + name + " wrote malformed results: "
                        + e.getMessage() + " (set aside as " + failedResults.getFileName() + "; log: " + log + ")");
            }
            if (got != samples) {
                setAside();
                throw new SimulationFailureException("C simulation of " + name + " wrote " + got
                        + " result lines for " + samples + " input samples in " + prj.relativize(input)
                        + "; the results are set aside as " + prj.relativize(failedResults) + " (log: " + log + ")");
            }
            listener.info("C simulation: " + samples + " samples in " + ProcessRunner.formatDuration(run.elapsed())
                    + " (" + perSample(run.elapsed(), samples) + " per sample)");
            return run.elapsed();
        }

        /** Renames whatever a bad run wrote, so no complete-looking csim_results.log is left. */
        private void setAside() throws IOException {
            if (Files.exists(results)) {
                FileWriting.moveIntoPlace(results, failedResults);
            }
        }

        private static String perSample(Duration d, int samples) {
            double us = d.toNanos() / 1000.0 / samples;
            return us >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f ms", us / 1000)
                    : String.format(java.util.Locale.ROOT, "%.0f us", us);
        }
    }
}
