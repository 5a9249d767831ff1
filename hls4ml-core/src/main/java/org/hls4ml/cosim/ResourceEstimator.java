package org.hls4ml.cosim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * per-module syntheses run in parallel and cached one by one:
 *
 * <ul>
 *   <li>each layer module is synthesized on its own ({@code build/resources/layer_<module>/}), reading only the files
 *       it needs (its own and those of the modules it instantiates, see {@link VerilogIndex});</li>
 *   <li>the top is synthesized with the layer modules read as black boxes ({@code build/resources/top_<top>/}): that is
 *       the FIFOs and the glue, and it tells how many instances of each layer there are and with which parameters;</li>
 *   <li>the total is the glue plus every layer instance. A layer module with parameters is synthesized with the values
 *       of its instances (after the top's synthesis); one without is synthesized at once.</li>
 * </ul>
 *
 * <p>Each synthesis is {@link #SYNTH} with {@code -top <module>}, then {@code stat -json}. The counts are classified
 * into LUT, FF, BRAM, DSP and LUTRAM and written to {@code reports/resources.json}.
 *
 * <p>Incremental: each synthesis has a stamp holding a hash of the files it reads (and their includes), the script,
 * the parameters and the yosys binary and version; a synthesis whose stamp matches is read back instead of run. So
 * changing one layer re-synthesizes that layer and the top's glue (which reads every layer's interface), nothing else.
 */
public final class ResourceEstimator {

    private static final String FORMAT = "hls4ml-yosys-2";
    static final String YOSYS_HINT = "install it with `apt-get install yosys` (or your distribution's equivalent),"
            + " point to it with <yosys> / -Dhls4ml.yosys or the HLS4ML_YOSYS environment variable, or turn the"
            + " estimate off with <resourceEstimate>false</resourceEstimate> / -Dhls4ml.resourceEstimate=false";

    /**
     * The synthesis of one module ({@code %s}: the {@code synth_xilinx} options): the stock {@code synth_xilinx} flow
     * for 7-series (DSP48E1, block and distributed RAM, CARRY4, LUT6 mapping with abc), with one pass added before its
     * {@code fine} step: {@code maccmap -unmap}. {@code alumacc} merges each adder tree (a Dense layer's sum of
     * products) into one {@code $macc} cell, which {@code synth_xilinx} would lower to a carry-save tree of full adders
     * in plain gates and hand to abc; unmapped, the tree is a chain of two-input adders that become LUT + CARRY4 adders,
     * as Vivado builds them. That halves the LUT count of a Dense layer (16-bit adds: about 16 LUTs each, not 32 LUTs
     * and 9 MUXF7/8) and takes a third of the time.
     */
    static final String SYNTH = "synth_xilinx %1$s -run :fine\nmaccmap -unmap\nsynth_xilinx %1$s -run fine:\n";

    /** Options for every synthesis: 7-series, flattened, no I/O buffers (the design is an IP core). */
    static final String OPTIONS = "-family xc7 -flatten -noiopad";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
     * One yosys synthesis.
     *
     * @param id       what {@link ResourceEstimate#synthesized()} lists: the module, with a hash of its parameters if
     *                 any; the top for the glue
     * @param name     for messages: the module, with its parameters if any
     * @param dir      its folder under {@code build/resources}
     * @param module   the module synthesized ({@code -top})
     * @param glue     true for the top with the layers as black boxes
     * @param listsInstances whether the script writes the layer instances ({@code instances.json})
     * @param params   parameter values ({@code chparam}), empty for the defaults
     * @param script   the yosys script
     * @param hash     of everything the result depends on
     * @param workSize bytes of Verilog read, to start the biggest syntheses first
     */
    private record Job(String id, String name, Path dir, String module, boolean glue, boolean listsInstances,
                       Map<String, String> params, String script, String hash, long workSize) {

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

    private static final class Run {
        private final ResourceRequest req;
        private final ToolLocator locator;
        private final int jobs;
        private final ProgressListener listener;
        private final Path prj;
        private final Path buildDir;
        private final Path reportFile;
        private final long deadline;
        private final List<String> synthesized = new ArrayList<>();

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
            for (String m : ordered) {
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
                Job glueJob = glueJob(layers);
                Pending glueRun = submit(pool, glueJob);
                // layers without parameters need nothing from the top: biggest first, for the shortest makespan
                List<Job> plainJobs = new ArrayList<>();
                for (String m : layers) {
                    if (!index.module(m).orElseThrow().parameterized()) {
                        plainJobs.add(layerJob(m, Map.of()));
                    }
                }
                plainJobs.sort(Comparator.comparingLong(Job::workSize).reversed());
                Map<String, Pending> plain = new LinkedHashMap<>();
                for (Job j : plainJobs) {
                    plain.put(j.module(), submit(pool, j));
                }

                ResourceEstimate.Resources glueCells = glueRun.await();
                Map<String, List<Map<String, String>>> instances = readInstances(glueJob);
                ResourceEstimate.Resources glue = glueCells.without(layers);

                // layers with parameters: one synthesis per distinct set of values among their instances (the
                // defaults when the top has none)
                Map<String, Map<Map<String, String>, Pending>> variants = new LinkedHashMap<>();
                for (String m : layers) {
                    if (!plain.containsKey(m)) {
                        List<Map<String, String>> sets = instances.getOrDefault(m, List.of());
                        Map<Map<String, String>, Pending> byValues = new LinkedHashMap<>();
                        for (Map<String, String> values : sets.isEmpty() ? List.of(Map.<String, String>of()) : sets) {
                            if (!byValues.containsKey(values)) {
                                byValues.put(values, submit(pool, layerJob(m, values)));
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
                        ResourceEstimate.Resources one = plain.get(m).await();
                        row = sets.isEmpty() ? one : one.times(sets.size());
                    } else if (sets.isEmpty()) {
                        row = variants.get(m).values().iterator().next().await();
                    } else {
                        row = ResourceEstimate.Resources.NONE;
                        for (Map<String, String> values : sets) {
                            row = row.plus(variants.get(m).get(values).await());
                        }
                    }
                    rows.put(m, row);
                    if (!sets.isEmpty()) {
                        total = total.plus(row);
                    }
                }
                if (!synthesized.isEmpty()) {
                    listener.info("Resource estimate: " + synthesized.size() + " yosys synthes"
                            + (synthesized.size() == 1 ? "is" : "es") + " (" + jobs + " at a time) took "
                            + ProcessRunner.formatDuration(Duration.ofNanos(System.nanoTime() - start)));
                } else {
                    listener.debug("resource estimate of " + req.top() + " is up to date");
                }
                ResourceEstimate estimate = new ResourceEstimate(version, req.top(), total, rows, glue, synthesized,
                        reportFile);
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

        private static java.util.concurrent.ThreadFactory daemonThreads() {
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
        private Job glueJob(List<String> layers) throws IOException {
            Set<String> layerSet = new LinkedHashSet<>(layers);
            Path dir = buildDir.resolve("top_" + req.top());
            StringBuilder b = header("the top " + req.top() + " with its layer modules as black boxes");
            List<String> boxed = new ArrayList<>();
            for (Path s : sources) {
                List<String> defined = index.modulesOf(s);
                boolean onlyLayers = !defined.isEmpty() && layerSet.containsAll(defined);
                b.append(read(s, onlyLayers));
                if (!onlyLayers) {
                    defined.stream().filter(layerSet::contains).forEach(boxed::add);
                }
            }
            if (!boxed.isEmpty()) {
                b.append("blackbox ").append(String.join(" ", boxed)).append('\n');
            }
            b.append(String.format(SYNTH, OPTIONS + " -top " + req.top()));
            b.append("tee -q -o ").append(rel(dir.resolve("stat.json"))).append(" stat -json\n");
            if (!layers.isEmpty()) {
                // the layer instances left as black-box cells in the flattened top, with their parameters
                b.append("json -compat-int -o ").append(rel(dir.resolve("instances.json")));
                for (String l : layers) {
                    b.append(" t:").append(l);
                }
                b.append('\n');
            }
            return job(req.top(), req.top() + " (FIFOs and glue)", dir, req.top(), true, !layers.isEmpty(), Map.of(),
                    b.toString(), sources);
        }

        private Job layerJob(String module, Map<String, String> params) throws IOException {
            String id = module + (params.isEmpty() ? "" : "_" + ContentHash.ofStrings(params.toString())
                    .substring(0, 10));
            Path dir = buildDir.resolve("layer_" + id);
            List<Path> files = index.filesFor(module);
            StringBuilder b = header("the layer module " + module + (params.isEmpty() ? "" : " with " + params));
            for (Path f : files) {
                b.append(read(f, false));
            }
            if (!params.isEmpty()) {
                b.append("chparam");
                params.forEach((k, v) -> b.append(" -set ").append(k).append(' ').append(v));
                b.append(' ').append(module).append('\n');
            }
            // not the top: no clock buffer (the top's synthesis counts the one BUFG)
            b.append(String.format(SYNTH, OPTIONS + " -noclkbuf -top " + module));
            b.append("tee -q -o ").append(rel(dir.resolve("stat.json"))).append(" stat -json\n");
            return job(id, module + (params.isEmpty() ? "" : " " + params), dir, module, false, false, params,
                    b.toString(), files);
        }

        private Job job(String id, String name, Path dir, String module, boolean glue, boolean listsInstances,
                        Map<String, String> params, String script, List<Path> files) throws IOException {
            ContentHash h = new ContentHash().add("format", FORMAT).add("yosys", yosys.toString())
                    .addFileMetadata("yosys-binary", yosys).add("version", version).add("script", script)
                    .add("params", params.toString());
            long size = 0;
            for (Path f : files) {
                h.addFile(prj.relativize(f).toString(), f);
                size += Files.size(f);
                for (Path inc : index.includes(f)) {
                    h.addFile("include " + inc, inc);
                }
            }
            return new Job(id, name, dir, module, glue, listsInstances, params, script, h.hex(), size);
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

        /** A submitted synthesis. */
        private record Pending(Job job, Future<ResourceEstimate.Resources> future) {

            /** Its counts, or its failure (a ToolException naming yosys, the module and the log). */
            ResourceEstimate.Resources await() throws IOException {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ToolException("interrupted while yosys synthesized " + job.name());
                } catch (CancellationException e) {
                    throw new ToolException("the yosys synthesis of " + job.name() + " was cancelled");
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new Hls4mlException("resource estimate of " + job.name() + " failed: " + c, c);
                }
            }
        }

        private Pending submit(ExecutorService pool, Job job) {
            return new Pending(job, pool.submit(() -> {
                if (job.upToDate()) {
                    listener.debug("resource estimate of " + job.name() + " is up to date");
                } else {
                    synthesize(job);
                }
                return readStat(job.stat());
            }));
        }

        private void synthesize(Job job) throws IOException {
            Files.createDirectories(job.dir());
            Stamp.delete(job.stamp());
            Files.deleteIfExists(job.stat());
            Files.deleteIfExists(job.instances());
            Path scriptFile = job.dir().resolve("estimate.ys");
            FileWriting.writeIfChanged(scriptFile, job.script());
            Path fullLog = job.dir().resolve("yosys-full.log");
            List<String> cmd = List.of(yosys.toString(), "-q", "-l", rel(fullLog), "-s", rel(scriptFile));
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ToolException("resource estimate of " + req.top() + ": no time left for " + job.name()
                        + " within the limit of " + ProcessRunner.formatDuration(req.timeout()) + "; raise"
                        + " <cosimTimeout> / -Dhls4ml.cosim.timeout, or turn the estimate off with"
                        + " -Dhls4ml.resourceEstimate=false");
            }
            Duration timeout = Duration.ofNanos(left);
            listener.debug("Resource estimate: synthesizing " + job.name() + " with yosys synth_xilinx");
            ProcessResult r = new ProcessRunner(listener).run(cmd, prj, Map.of(), job.dir().resolve("yosys.log"),
                    timeout);
            if (!r.succeeded()) {
                throw new ToolException("resource estimate of " + req.top() + ": yosys failed on " + job.name() + ": "
                        + ProcessRunner.failureMessage(cmd, r, timeout)
                        + "\nThe whole yosys output is in " + job.dir().resolve("yosys-full.log")
                        + (r.timedOut() ? "; the limit is for the whole estimate: raise <cosimTimeout> /"
                        + " -Dhls4ml.cosim.timeout, or turn the estimate off with -Dhls4ml.resourceEstimate=false"
                        : ""));
            }
            Stamp.write(job.stamp(), job.hash());
            synchronized (synthesized) {
                synthesized.add(job.id());
            }
            listener.info("Resource estimate: " + job.name() + " synthesized in "
                    + ProcessRunner.formatDuration(r.elapsed()));
        }

        /**
         * The layer instances the glue synthesis found, per layer module: the parameter values of each instance
         * (empty for the defaults), as {@code chparam} values.
         */
        private Map<String, List<Map<String, String>>> readInstances(Job glue) throws IOException {
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
                out.computeIfAbsent(type, k -> new ArrayList<>()).add(Map.copyOf(values));
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
            String str = s.endsWith(" ") && s.strip().matches("[01xz]+") ? s.substring(0, s.length() - 1) : s;
            if (str.matches("[^\\s\"\\\\;]*")) {
                return "\"" + str + "\"";
            }
            throw new ConfigurationException("the resource estimate cannot pass the value of parameter " + name
                    + " of an instance of " + module + " to yosys (" + s + "); turn the estimate off with"
                    + " -Dhls4ml.resourceEstimate=false");
        }

        private static ResourceEstimate.Resources readStat(Path f) throws IOException {
            JsonNode root = JSON.readTree(Files.readString(f));
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

        private void writeReport(ResourceEstimate e, Map<String, List<Map<String, String>>> instances)
                throws IOException {
            ObjectNode root = JSON.createObjectNode();
            root.put("method", ResourceEstimate.DISCLAIMER);
            root.put("total_method", ResourceEstimate.METHOD);
            root.put("tool", e.tool());
            root.put("family", "xc7");
            root.put("synthesis", String.format(SYNTH, OPTIONS + " -top <module>").strip().replace("\n", "; "));
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
