package org.hls4ml.cosim;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.api.ToolException;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.FileWriting;
import org.hls4ml.tools.ProcessResult;
import org.hls4ml.tools.ProcessRunner;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.tools.ToolLocator;

/**
 * Resource estimate of the generated Verilog with yosys {@code synth_xilinx} for 7-series parts, as a sum of
 * per-module syntheses, run in parallel and cached module by module:
 *
 * <ul>
 *   <li>each layer module is synthesized on its own, from only the files it needs (its own and those of the modules it
 *       instantiates, see {@link VerilogIndex}), its result kept in {@code build/resources/layer_<module>/};</li>
 *   <li>the top is synthesized with the layer modules read as black boxes ({@code build/resources/top_<top>/}): that is
 *       the FIFOs and the glue, and it tells how many instances of each layer there are and with which parameters;</li>
 *   <li>the total is the glue plus every layer instance.</li>
 * </ul>
 *
 * <p>The layer modules to synthesize (those out of date) are shared among {@code jobs} yosys processes (by default
 * two), biggest first; one process synthesizes several modules side by side (each is its own synthesis: yosys passes
 * work module by module), which saves the seconds yosys spends reading its cell and techmap libraries per process. A
 * layer module with parameters is synthesized on its own with the values of its instances, once the top's synthesis
 * has found them.
 *
 * <p>Every synthesis is {@link #BEGIN} then {@link #SYNTH}, then {@code stat -json}. The counts are classified into
 * LUT, FF, BRAM, DSP and LUTRAM and written to {@code reports/resources.json}.
 *
 * <p>yosys numbers the nets it creates across the whole design, and abc's LUT mapping depends a little on that order,
 * so a module synthesized with others can come out a few LUTs (well under 1 %) off its synthesis alone. Which modules
 * go together is fixed for a given set of modules to synthesize, so a cold estimate always gives the same figures.
 *
 * <p>Incremental: each module's result has a stamp holding a hash of the files its synthesis reads (and their
 * includes), its script, its parameters and the yosys binary and version; a result whose stamp matches is read back.
 * So changing one layer re-synthesizes that layer and the top's glue (which reads every layer's interface), and
 * resizing FIFOs in the top re-synthesizes the glue only.
 */
public final class ResourceEstimator {

    private static final String FORMAT = "hls4ml-yosys-3";
    static final String YOSYS_HINT = "install it with `apt-get install yosys` (or your distribution's equivalent),"
            + " point to it with <yosys> / -Dhls4ml.yosys or the HLS4ML_YOSYS environment variable, or turn the"
            + " estimate off with <resourceEstimate>false</resourceEstimate> / -Dhls4ml.resourceEstimate=false";

    /**
     * What {@code synth_xilinx} does first ({@code begin}), done by hand so that several modules can be synthesized in
     * one run ({@code %s}: {@code " -top <module>"}, or nothing to keep every module).
     */
    static final String BEGIN = "read_verilog -lib -specify +/xilinx/cells_sim.v\n"
            + "read_verilog -lib +/xilinx/cells_xtra.v\nhierarchy -check%s\n";

    /**
     * The rest of {@code synth_xilinx} ({@code %s}: its options), the stock 7-series flow (DSP48E1, block and
     * distributed RAM, SRL, CARRY4, LUT6 mapping with abc) with two changes, each of which leaves the cell counts of
     * the generated layers as they are or makes them closer to Vivado's, and the synthesis several times faster:
     * <ul>
     *   <li>{@code -nosrl} up to {@code fine} skips {@code pmux2shiftx} (the only pass it changes there; shift
     *       registers are still mapped to SRLs in {@code fine} and {@code map_luts}). It rewrites the {@code case}
     *       selecting a weight word by reuse cycle into a {@code $shiftx} whose generic techmap spends minutes in
     *       {@code proc_mux} on a 4096-bit word (a Dense layer at reuse factor 4: 118 s of CPU instead of 18 s, same
     *       cells).</li>
     *   <li>{@code maccmap -unmap} before {@code fine}: {@code alumacc} merges each adder tree (a Dense layer's sum of
     *       products) into one {@code $macc} cell, which {@code synth_xilinx} would lower to a carry-save tree of full
     *       adders in plain gates for abc; unmapped, the tree is two-input adders, mapped to LUT + CARRY4 as Vivado
     *       maps them: about 16 LUTs per 16-bit add instead of 32 LUTs and 9 MUXF7/8, in half the time.</li>
     * </ul>
     */
    static final String SYNTH = "synth_xilinx %1$s -nosrl -run prepare:fine\nmaccmap -unmap\n"
            + "synth_xilinx %1$s -run fine:\n";

    /** Options for every synthesis: 7-series, flattened, no I/O buffers (the design is an IP core). */
    static final String OPTIONS = "-family xc7 -flatten -noiopad";

    /**
     * Roughly what one module costs a yosys run, in ms of CPU, for sharing the modules out among the processes: 1 s,
     * plus 40 ms per multiplication and 1 ms per 60 characters of Verilog (fitted on KERAS_3layer's layers at reuse
     * factors 1 and 4: a Dense layer is 15 to 90 s, an activation a few seconds).
     */
    static long workMillis(VerilogIndex.Module m) {
        return 1000 + 40 * m.multiplications() + m.length() / 60;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** yosys 0.23's {@code stat -json} of a design without a top ends its module list with a comma. */
    private static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final ToolLocator locator;
    private final int jobs;

    public ResourceEstimator() {
        this(null);
    }

    /** With a given tool locator (tests inject their own environment); null for this JVM's. */
    public ResourceEstimator(ToolLocator locator) {
        this(locator, 0);
    }

    /**
     * @param locator null for this JVM's environment
     * @param jobs    how many yosys processes run at once; 0 for the default, {@link #defaultJobs()}
     */
    public ResourceEstimator(ToolLocator locator, int jobs) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be positive (or 0 for the default), got " + jobs);
        }
        this.locator = locator;
        this.jobs = jobs == 0 ? defaultJobs() : jobs;
    }

    /** Two yosys processes at once, or one on a single-core machine (each needs up to about 1 GB). */
    public static int defaultJobs() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Synthesizes (what is out of date) and counts.
     *
     * @throws ConfigurationException no {@code rtl/files.f}, no Verilog in it, or a module asked for that no file
     *                                defines
     * @throws ToolException          yosys is missing, failed or timed out
     */
    public ResourceEstimate estimate(ResourceRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return new Run(request, locator, jobs).execute();
        } catch (IOException e) {
            throw new Hls4mlException("resource estimate of " + request.top() + " in " + request.projectDir()
                    + " failed on an I/O error: " + e, e);
        }
    }

    /**
     * The Verilog files of a file list, in order: one entry per line; blank lines, {@code //} and {@code #} comments
     * and options ({@code -...}, {@code +incdir+...}) are skipped. Entries are relative to the project (as Verilator,
     * run in the project, reads them) or, failing that, to the list's own folder.
     */
    static List<Path> verilogFiles(Path prj, Path fileList) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String raw : Files.readAllLines(fileList)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("//") || line.startsWith("#") || line.startsWith("-")
                    || line.startsWith("+")) {
                continue;
            }
            Path p = prj.resolve(line);
            if (!Files.isRegularFile(p)) {
                Path beside = fileList.getParent().resolve(line);
                if (Files.isRegularFile(beside)) {
                    p = beside;
                } else {
                    throw new ConfigurationException(fileList + " lists " + line + ", which exists neither in " + prj
                            + " nor beside the list; run hls4ml:generate again");
                }
            }
            files.add(p.normalize());
        }
        return files;
    }

    /**
     * One module's result: {@code stat.json} and a stamp in {@code dir}.
     *
     * @param id     what {@link ResourceEstimate#synthesized()} lists: the module, with a hash of its parameters if
     *               any; the top for the glue
     * @param name   for messages: the module, with its parameters if any
     * @param dir    its folder under {@code build/resources}
     * @param module the module
     * @param hash   of everything the result depends on
     * @param work   an estimate of the synthesis effort, see {@link #workMillis}
     * @param listsInstances whether its synthesis also writes the layer instances ({@code instances.json}: the glue)
     */
    private record Unit(String id, String name, Path dir, String module, String hash, long work,
                        boolean listsInstances) {

        Path stat() {
            return dir.resolve("stat.json");
        }

        Path instances() {
            return dir.resolve("instances.json");
        }

        Path stamp() {
            return dir.resolve("yosys.stamp");
        }

        boolean upToDate() {
            return Stamp.matches(stamp(), hash) && Files.isRegularFile(stat())
                    && (!listsInstances || Files.isRegularFile(instances()));
        }
    }

    /**
     * One yosys run: its script synthesizes {@code units}. A run of a single module with a top writes the unit's stat
     * itself; a run of several modules side by side writes {@code batchStat}, split into the units' afterwards.
     */
    private record Task(String what, Path dir, String script, List<Unit> units, Path batchStat) {
    }

    /** A submitted yosys run. */
    private record Pending(Task task, Future<Map<String, ResourceEstimate.Resources>> future) {

        /** The counts per module, or the run's failure (a ToolException naming yosys, the modules and the log). */
        Map<String, ResourceEstimate.Resources> await() throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolException("interrupted while yosys synthesized " + task.what());
            } catch (CancellationException e) {
                throw new ToolException("the yosys synthesis of " + task.what() + " was cancelled");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new Hls4mlException("resource estimate of " + task.what() + " failed: " + c, c);
            }
        }
    }

    private static final class Run {
        private final ResourceRequest req;
        private final ToolLocator locator;
        private final int jobs;
        private final ProgressListener listener;
        private final Path prj;
        private final Path buildDir;
        private final Path reportFile;
        private final long deadline;
        private final List<String> synthesized = Collections.synchronizedList(new ArrayList<>());

        private Path yosys;
        private String version;
        private VerilogIndex index;
        private List<Path> sources;

        Run(ResourceRequest req, ToolLocator locator, int jobs) {
            this.req = req;
            this.locator = locator;
            this.jobs = jobs;
            this.listener = req.listener();
            this.prj = req.projectDir().toAbsolutePath().normalize();
            this.buildDir = prj.resolve("build").resolve("resources");
            this.reportFile = prj.resolve("reports").resolve("resources.json");
            this.deadline = System.nanoTime() + req.timeout().toNanos();
        }

        ResourceEstimate execute() throws IOException {
            Path fileList = prj.resolve("rtl").resolve("files.f");
            if (!Files.isRegularFile(fileList)) {
                throw new ConfigurationException("resource estimate of " + req.top() + ": the Verilog file list "
                        + fileList + " does not exist; run hls4ml:generate again (io_stream designs get Verilog)");
            }
            sources = verilogFiles(prj, fileList);
            if (sources.isEmpty()) {
                throw new ConfigurationException(fileList + " lists no Verilog files");
            }
            index = VerilogIndex.scan(sources);
            Set<String> ordered = new LinkedHashSet<>(req.layerModules());
            ordered.remove(req.top());
            List<String> layers = new ArrayList<>(ordered);
            for (String m : layers) {
                if (index.module(m).isEmpty()) {
                    throw new ConfigurationException("resource estimate of " + req.top() + ": no file of " + fileList
                            + " defines the layer module " + m + "; run hls4ml:generate again");
                }
            }
            if (index.module(req.top()).isEmpty()) {
                throw new ConfigurationException("resource estimate: no file of " + fileList + " defines the top"
                        + " module " + req.top() + "; run hls4ml:generate again");
            }
            yosys = locate();
            Files.createDirectories(buildDir);
            version = version(yosys);

            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(jobs, daemonThreads());
            try {
                Task glueTask = glueTask(layers);
                Unit glueUnit = glueTask.units().get(0);
                boolean glueStale = !glueUnit.upToDate();
                Pending glueRun = submit(pool, glueTask);
                if (req.glueOnly()) {
                    // one synthesis, whose own line already said so
                    ResourceEstimate.Resources glue = glueRun.await().get(glueUnit.id()).without(layers);
                    return new ResourceEstimate(version, req.top(), glue, Map.of(), glue, List.copyOf(synthesized),
                            null);
                }

                // layers without parameters need nothing from the top: those out of date are shared among the
                // processes at once, biggest first, the process after the glue's starting later
                Map<String, Unit> plain = new LinkedHashMap<>();
                for (String m : layers) {
                    if (!index.module(m).orElseThrow().parameterized()) {
                        plain.put(m, plainUnit(m));
                    }
                }
                List<Unit> stale = plain.values().stream().filter(u -> !u.upToDate())
                        .sorted(Comparator.comparingLong(Unit::work).reversed()).toList();
                Map<String, Pending> plainRuns = new LinkedHashMap<>();
                for (Task t : batches(stale, glueStale ? glueUnit.work() : 0)) {
                    Pending p = submit(pool, t);
                    t.units().forEach(u -> plainRuns.put(u.module(), p));
                }

                ResourceEstimate.Resources glueCells = glueRun.await().get(glueUnit.id());
                Map<String, List<Map<String, String>>> instances = readInstances(glueUnit);
                ResourceEstimate.Resources glue = glueCells.without(layers);

                // layers with parameters: one synthesis per distinct set of values among their instances (the
                // defaults when the top has none)
                Map<String, Map<Map<String, String>, Pending>> variants = new LinkedHashMap<>();
                Map<Pending, String> variantId = new LinkedHashMap<>();
                for (String m : layers) {
                    if (!plain.containsKey(m)) {
                        List<Map<String, String>> sets = instances.getOrDefault(m, List.of());
                        Map<Map<String, String>, Pending> byValues = new LinkedHashMap<>();
                        for (Map<String, String> values : sets.isEmpty() ? List.of(Map.<String, String>of()) : sets) {
                            if (!byValues.containsKey(values)) {
                                Task t = variantTask(m, values);
                                Pending p = submit(pool, t);
                                byValues.put(values, p);
                                variantId.put(p, t.units().get(0).id());
                            }
                        }
                        variants.put(m, byValues);
                    }
                }

                Map<String, ResourceEstimate.Resources> rows = new LinkedHashMap<>();
                ResourceEstimate.Resources total = glue;
                for (String m : layers) {
                    List<Map<String, String>> sets = instances.getOrDefault(m, List.of());
                    ResourceEstimate.Resources row;
                    if (plain.containsKey(m)) {
                        Pending p = plainRuns.get(m);
                        ResourceEstimate.Resources one = p != null ? p.await().get(plain.get(m).id())
                                : readStat(plain.get(m).stat());
                        row = sets.isEmpty() ? one : one.times(sets.size());
                    } else if (sets.isEmpty()) {
                        Pending p = variants.get(m).values().iterator().next();
                        row = p.await().get(variantId.get(p));
                    } else {
                        row = ResourceEstimate.Resources.NONE;
                        for (Map<String, String> values : sets) {
                            Pending p = variants.get(m).get(values);
                            row = row.plus(p.await().get(variantId.get(p)));
                        }
                    }
                    rows.put(m, row);
                    if (!sets.isEmpty()) {
                        total = total.plus(row);
                    }
                }
                logSynthesized(start);
                ResourceEstimate estimate = new ResourceEstimate(version, req.top(), total, rows, glue,
                        List.copyOf(synthesized), reportFile);
                writeReport(estimate, instances);
                return estimate;
            } finally {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void logSynthesized(long start) {
            if (!synthesized.isEmpty()) {
                listener.info("Resource estimate: " + synthesized.size() + " module" + (synthesized.size() == 1
                        ? "" : "s") + " synthesized with yosys (" + jobs + " process" + (jobs == 1 ? "" : "es")
                        + " at a time) in " + ProcessRunner.formatDuration(Duration.ofNanos(System.nanoTime()
                        - start)));
            } else {
                listener.debug("resource estimate of " + req.top() + " is up to date");
            }
        }

        private static ThreadFactory daemonThreads() {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "hls4ml-yosys-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        private Path locate() {
            ToolLocator l = locator != null ? locator : new ToolLocator(System.getenv(), listener);
            try {
                return l.locate("yosys", req.yosys(), "HLS4ML_YOSYS", YOSYS_HINT);
            } catch (ToolException e) {
                if (req.yosys() != null) {
                    throw new ToolException(e.getMessage() + ".\nTo get yosys: " + YOSYS_HINT, e);
                }
                throw e;
            }
        }

        private String version(Path yosys) {
            List<String> cmd = List.of(yosys.toString(), "-V");
            ProcessResult r = new ProcessRunner(listener).run(cmd, prj, Map.of(), buildDir.resolve("yosys-version.log"),
                    Duration.ofMinutes(1));
            if (!r.succeeded()) {
                throw new ToolException("cannot run yosys " + yosys + ": "
                        + ProcessRunner.failureMessage(cmd, r, Duration.ofMinutes(1)) + "\n" + YOSYS_HINT);
            }
            try {
                return Files.readAllLines(r.logFile()).stream().filter(s -> s.startsWith("Yosys")).findFirst()
                        .orElse("yosys (unknown version)");
            } catch (IOException e) {
                return "yosys (unknown version)";
            }
        }

        /** The top with every layer module as a black box: FIFOs and glue, and the layer instances. */
        private Task glueTask(List<String> layers) throws IOException {
            Set<String> layerSet = new LinkedHashSet<>(layers);
            Path dir = buildDir.resolve("top_" + req.top());
            StringBuilder b = header("the top " + req.top() + " with its layer modules as black boxes");
            List<String> boxed = new ArrayList<>();
            long work = 2000; // reading the layers' files for their interfaces: 1 ms per 400 characters
            for (Path s : sources) {
                List<String> defined = index.modulesOf(s);
                boolean onlyLayers = !defined.isEmpty() && layerSet.containsAll(defined);
                b.append(read(s, onlyLayers));
                for (String m : defined) {
                    VerilogIndex.Module mod = index.module(m).orElseThrow();
                    work += layerSet.contains(m) ? mod.length() / 400 : workMillis(mod);
                }
                if (!onlyLayers) {
                    defined.stream().filter(layerSet::contains).forEach(boxed::add);
                }
            }
            if (!boxed.isEmpty()) {
                b.append("blackbox ").append(String.join(" ", boxed)).append('\n');
            }
            b.append(String.format(BEGIN, " -top " + req.top()));
            b.append(String.format(SYNTH, OPTIONS));
            b.append("tee -q -o ").append(rel(dir.resolve("stat.json"))).append(" stat -json\n");
            if (!layers.isEmpty()) {
                // the layer instances left as black-box cells in the flattened top, with their parameters
                b.append("json -compat-int -o ").append(rel(dir.resolve("instances.json")));
                for (String l : layers) {
                    b.append(" t:").append(l);
                }
                b.append('\n');
            }
            String script = b.toString();
            Unit u = new Unit(req.top(), req.top() + " (FIFOs and glue)", dir, req.top(),
                    hash(script, Map.of(), sources), work, !layers.isEmpty());
            return new Task(u.name(), dir, script, List.of(u), null);
        }

        /** A layer module without parameters, synthesized (alone or with others) without a top. */
        private Unit plainUnit(String module) throws IOException {
            List<Path> files = index.filesFor(module);
            // the script it would have alone: what its result depends on, whatever it is synthesized with
            String script = batchScript(List.of(module), Path.of("stat.json"));
            long work = index.modulesNeededBy(module).stream()
                    .mapToLong(m -> workMillis(index.module(m).orElseThrow())).sum();
            return new Unit(module, module, buildDir.resolve("layer_" + module), module, hash(script, Map.of(), files),
                    work, false);
        }

        /**
         * The stale layer modules shared among at most {@code jobs} runs, each module to the run with the least work
         * so far (the last run starting after the glue's, when that is out of date too).
         */
        private List<Task> batches(List<Unit> stale, long glueWork) throws IOException {
            int n = Math.min(jobs, stale.size());
            if (n == 0) {
                return List.of();
            }
            List<List<Unit>> bins = new ArrayList<>();
            long[] load = new long[n];
            for (int i = 0; i < n; i++) {
                bins.add(new ArrayList<>());
            }
            load[n - 1] = glueWork;
            for (Unit u : stale) {
                int best = 0;
                for (int i = 1; i < n; i++) {
                    if (load[i] < load[best]) {
                        best = i;
                    }
                }
                bins.get(best).add(u);
                load[best] += u.work();
            }
            try (Stream<Path> old = Files.list(buildDir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("batch_")).toList()) {
                    deleteTree(p);
                }
            }
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Unit> units = bins.get(i);
                if (units.isEmpty()) {
                    continue;
                }
                Path dir = buildDir.resolve("batch_" + (i + 1));
                Path stat = dir.resolve("stat.json");
                String script = batchScript(units.stream().map(Unit::module).toList(), stat);
                listener.debug(String.format(Locale.ROOT, "Resource estimate: yosys run %d of %d: %s"
                        + " (about %.0f s of work)", i + 1, n, units.stream().map(Unit::module).toList(),
                        units.stream().mapToLong(Unit::work).sum() / 1000.0));
                tasks.add(new Task(String.join(", ", units.stream().map(Unit::module).toList()), dir, script, units,
                        stat));
            }
            return tasks;
        }

        /** Layer modules without parameters, side by side in one design without a top. */
        private String batchScript(List<String> modules, Path stat) {
            Set<Path> files = new HashSet<>();
            Set<String> needed = new HashSet<>();
            for (String m : modules) {
                files.addAll(index.filesFor(m));
                needed.addAll(index.modulesNeededBy(m));
            }
            StringBuilder b = header("the layer module" + (modules.size() == 1 ? " " : "s ")
                    + String.join(", ", modules) + ", each on its own");
            List<String> unused = new ArrayList<>();
            for (Path s : sources) {
                if (files.contains(s)) {
                    b.append(read(s, false));
                    index.modulesOf(s).stream().filter(x -> !needed.contains(x)).forEach(unused::add);
                }
            }
            if (!unused.isEmpty()) {
                b.append("delete ").append(String.join(" ", unused)).append('\n');
            }
            // not the top: no clock buffer (the top's synthesis counts the one BUFG)
            b.append(String.format(BEGIN, ""));
            b.append(String.format(SYNTH, OPTIONS + " -noclkbuf"));
            b.append("tee -q -o ").append(stat.isAbsolute() ? rel(stat) : stat.toString()).append(" stat -json\n");
            return b.toString();
        }

        /** A layer module with parameters, with the values of (some of) its instances. */
        private Task variantTask(String module, Map<String, String> params) throws IOException {
            String id = module + (params.isEmpty() ? "" : "_" + ContentHash.ofStrings(params.toString())
                    .substring(0, 10));
            Path dir = buildDir.resolve("layer_" + id);
            List<Path> files = index.filesFor(module);
            StringBuilder b = header("the layer module " + module + (params.isEmpty() ? "" : " with " + params));
            long work = index.modulesNeededBy(module).stream()
                    .mapToLong(m -> workMillis(index.module(m).orElseThrow())).sum();
            for (Path f : files) {
                b.append(read(f, false));
            }
            if (!params.isEmpty()) {
                b.append("chparam");
                params.forEach((k, v) -> b.append(" -set ").append(k).append(' ').append(v));
                b.append(' ').append(module).append('\n');
            }
            b.append(String.format(BEGIN, " -top " + module));
            b.append(String.format(SYNTH, OPTIONS + " -noclkbuf"));
            b.append("tee -q -o ").append(rel(dir.resolve("stat.json"))).append(" stat -json\n");
            String script = b.toString();
            String name = module + (params.isEmpty() ? "" : " " + params);
            Unit u = new Unit(id, name, dir, module, hash(script, params, files), work, false);
            return new Task(name, dir, script, List.of(u), null);
        }

        private String hash(String script, Map<String, String> params, List<Path> files) throws IOException {
            ContentHash h = new ContentHash().add("format", FORMAT).add("yosys", yosys.toString())
                    .addFileMetadata("yosys-binary", yosys).add("version", version).add("script", script)
                    .add("params", params.toString());
            for (Path f : files) {
                h.addFile(prj.relativize(f).toString(), f);
                for (Path inc : index.includes(f)) {
                    h.addFile("include " + inc, inc);
                }
            }
            return h.hex();
        }

        private static StringBuilder header(String what) {
            return new StringBuilder("# Resource estimate of ").append(what)
                    .append(", written by hls4ml; run in the project with yosys -s\n");
        }

        private String read(Path source, boolean lib) {
            boolean sv = source.getFileName().toString().endsWith(".sv");
            return "read_verilog " + (lib ? "-lib " : "") + (sv ? "-sv " : "") + rel(source) + "\n";
        }

        /**
         * A path for the script: relative to the project (yosys runs there), unquoted, since yosys 0.23 keeps the
         * quotes of a quoted {@code tee -o} file name as part of the name.
         */
        private String rel(Path p) {
            String rel = prj.relativize(p.toAbsolutePath().normalize()).toString();
            if (rel.matches(".*[\\s\";].*")) {
                throw new ConfigurationException("the resource estimate cannot pass " + rel + " to yosys: the path"
                        + " has a space, a quote or a semicolon; rename it, or turn the estimate off with"
                        + " -Dhls4ml.resourceEstimate=false");
            }
            return rel;
        }

        private Pending submit(ExecutorService pool, Task task) {
            return new Pending(task, pool.submit(() -> {
                if (task.units().stream().allMatch(Unit::upToDate)) {
                    listener.debug("resource estimate of " + task.what() + " is up to date");
                } else {
                    synthesize(task);
                }
                Map<String, ResourceEstimate.Resources> out = new LinkedHashMap<>();
                for (Unit u : task.units()) {
                    out.put(u.id(), readStat(u.stat()));
                }
                return out;
            }));
        }

        private void synthesize(Task task) throws IOException {
            Files.createDirectories(task.dir());
            for (Unit u : task.units()) {
                Stamp.delete(u.stamp());
                Files.deleteIfExists(u.stat());
                Files.deleteIfExists(u.instances());
            }
            Path scriptFile = task.dir().resolve("estimate.ys");
            FileWriting.writeIfChanged(scriptFile, task.script());
            Path fullLog = task.dir().resolve("yosys-full.log");
            List<String> cmd = List.of(yosys.toString(), "-q", "-l", rel(fullLog), "-s", rel(scriptFile));
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ToolException("resource estimate of " + req.top() + ": no time left for " + task.what()
                        + " within the limit of " + ProcessRunner.formatDuration(req.timeout()) + "; raise"
                        + " <cosimTimeout> / -Dhls4ml.cosim.timeout, or turn the estimate off with"
                        + " -Dhls4ml.resourceEstimate=false");
            }
            Duration timeout = Duration.ofNanos(left);
            listener.debug("Resource estimate: synthesizing " + task.what() + " with yosys synth_xilinx");
            ProcessResult r = new ProcessRunner(listener).run(cmd, prj, Map.of(), task.dir().resolve("yosys.log"),
                    timeout);
            if (!r.succeeded()) {
                throw new ToolException("resource estimate of " + req.top() + ": yosys failed on " + task.what() + ": "
                        + ProcessRunner.failureMessage(cmd, r, timeout)
                        + "\nThe whole yosys output is in " + fullLog
                        + (r.timedOut() ? "; the limit is for the whole estimate: raise <cosimTimeout> /"
                        + " -Dhls4ml.cosim.timeout, or turn the estimate off with -Dhls4ml.resourceEstimate=false"
                        : ""));
            }
            if (task.batchStat() != null) {
                split(task);
            }
            for (Unit u : task.units()) {
                Stamp.write(u.stamp(), u.hash());
                synthesized.add(u.id());
            }
            listener.info("Resource estimate: " + task.what() + " synthesized in "
                    + ProcessRunner.formatDuration(r.elapsed()));
        }

        /** The statistics of a run of several modules, one file per module. */
        private void split(Task task) throws IOException {
            JsonNode modules = LENIENT.readTree(task.batchStat().toFile()).path("modules");
            for (Unit u : task.units()) {
                JsonNode m = modules.has("\\" + u.module()) ? modules.get("\\" + u.module()) : modules.get(u.module());
                if (m == null) {
                    throw new ToolException("resource estimate of " + req.top() + ": yosys wrote no statistics for "
                            + u.module() + " to " + task.batchStat() + " (log: " + task.dir().resolve("yosys-full.log")
                            + ")");
                }
                ObjectNode one = JSON.createObjectNode();
                one.putObject("modules").set("\\" + u.module(), m);
                Files.createDirectories(u.dir());
                FileWriting.writeAtomically(u.stat(), JSON.writeValueAsBytes(one));
            }
        }

        /**
         * The layer instances the glue synthesis found, per layer module: the parameter values of each instance
         * (empty for the defaults), as {@code chparam} values.
         */
        private Map<String, List<Map<String, String>>> readInstances(Unit glue) throws IOException {
            Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
            if (!glue.listsInstances()) {
                return out;
            }
            JsonNode top = JSON.readTree(glue.instances().toFile()).path("modules").path(req.top());
            for (Iterator<JsonNode> it = top.path("cells").elements(); it.hasNext(); ) {
                JsonNode cell = it.next();
                String type = cell.path("type").asText();
                if (!req.layerModules().contains(type)) {
                    continue;
                }
                Map<String, String> values = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> p = cell.path("parameters").fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = p.next();
                    values.put(e.getKey(), chparamValue(type, e.getKey(), e.getValue()));
                }
                // sorted: the order names the synthesis and enters its hash
                out.computeIfAbsent(type, k -> new ArrayList<>()).add(Collections.unmodifiableMap(values));
            }
            return out;
        }

        /** A parameter value from yosys's JSON as a Verilog constant for {@code chparam -set}. */
        private static String chparamValue(String module, String name, JsonNode v) {
            if (v.isIntegralNumber()) {
                return v.asText();
            }
            String s = v.asText();
            if (s.matches("[01xz]+")) {
                return s.length() + "'b" + s;
            }
            // yosys marks a string that looks like bits with a trailing space
            String str = s.endsWith(" ") && s.strip().matches("[01xz]+") ? s.substring(0, s.length() - 1) : s;
            if (str.matches("[^\\s\"\\\\;]*")) {
                return "\"" + str + "\"";
            }
            throw new ConfigurationException("the resource estimate cannot pass the value of parameter " + name
                    + " of an instance of " + module + " to yosys (" + s + "); turn the estimate off with"
                    + " -Dhls4ml.resourceEstimate=false");
        }

        private static ResourceEstimate.Resources readStat(Path f) throws IOException {
            JsonNode root = LENIENT.readTree(Files.readString(f));
            JsonNode stats = root.get("design");
            if (stats == null) {
                Iterator<JsonNode> mods = root.path("modules").elements();
                if (!mods.hasNext()) {
                    throw new ToolException("yosys wrote no module statistics to " + f);
                }
                stats = mods.next();
            }
            Map<String, Long> cells = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = stats.path("num_cells_by_type").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                cells.put(e.getKey().startsWith("$") || e.getKey().startsWith("\\") ? e.getKey().substring(1)
                        : e.getKey(), e.getValue().asLong());
            }
            return ResourceEstimate.Resources.of(cells);
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        private void writeReport(ResourceEstimate e, Map<String, List<Map<String, String>>> instances)
                throws IOException {
            ObjectNode root = JSON.createObjectNode();
            root.put("method", ResourceEstimate.DISCLAIMER);
            root.put("total_method", ResourceEstimate.METHOD);
            root.put("tool", e.tool());
            root.put("family", "xc7");
            root.put("synthesis", String.format(SYNTH, OPTIONS).strip().replace("\n", "; "));
            root.put("scripts", "build/resources/*/estimate.ys");
            root.put("top", e.top());
            put(root.putObject("total"), e.total());
            put(root.putObject("glue"), e.glue());
            ObjectNode layers = root.putObject("layers");
            e.layers().forEach((m, r) -> {
                ObjectNode n = layers.putObject(m);
                n.put("instances", instances.getOrDefault(m, List.of()).size());
                put(n, r);
            });
            FileWriting.writeIfChanged(reportFile, JSON.writeValueAsString(root) + "\n");
        }

        private static void put(ObjectNode n, ResourceEstimate.Resources r) {
            n.put("lut", r.lut());
            n.put("ff", r.ff());
            n.put("bram18", r.bram18());
            n.put("bram36", r.bram36());
            n.put("dsp", r.dsp());
            n.put("lutram", r.lutram());
            ObjectNode cells = n.putObject("cells");
            r.cellsByType().forEach(cells::put);
        }
    }
}
