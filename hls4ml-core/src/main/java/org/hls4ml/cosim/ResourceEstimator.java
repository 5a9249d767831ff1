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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * Resource estimate of the generated Verilog with yosys: one yosys run reads the files of {@code rtl/files.f} once,
 * then for each layer module and for the top restores the parsed design and runs
 * {@code synth_xilinx -family xc7 -flatten -noiopad -top <module>} followed by {@code stat -json} into
 * {@code build/resources/stat_<module>.json}. The counts are classified into LUT, FF, BRAM, DSP and LUTRAM and
 * written to {@code reports/resources.json}.
 *
 * <p>{@code -noiopad}: the design is an IP core inside a bigger one, so no I/O buffers are counted. Incremental: a
 * hash of the Verilog, the module list, the script and the yosys binary and version is kept in
 * {@code build/resources/yosys.stamp}; when it matches, the stat files are read back instead of synthesizing again.
 */
public final class ResourceEstimator {

    private static final String FORMAT = "hls4ml-yosys-1";
    static final String YOSYS_HINT = "install it with `apt-get install yosys` (or your distribution's equivalent),"
            + " point to it with <yosys> / -Dhls4ml.yosys or the HLS4ML_YOSYS environment variable, or turn the"
            + " estimate off with <resourceEstimate>false</resourceEstimate> / -Dhls4ml.resourceEstimate=false";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ToolLocator locator;

    public ResourceEstimator() {
        this(null);
    }

    /** With a given tool locator (tests inject their own environment); null for this JVM's. */
    public ResourceEstimator(ToolLocator locator) {
        this.locator = locator;
    }

    /**
     * Synthesizes (when needed) and counts.
     *
     * @throws ConfigurationException no {@code rtl/files.f} or no Verilog in it
     * @throws ToolException          yosys is missing, failed or timed out
     */
    public ResourceEstimate estimate(ResourceRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            return new Run(request, locator).execute();
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

    private static final class Run {
        private final ResourceRequest req;
        private final ToolLocator locator;
        private final ProgressListener listener;
        private final Path prj;
        private final Path buildDir;
        private final Path stamp;
        private final Path reportFile;

        Run(ResourceRequest req, ToolLocator locator) {
            this.req = req;
            this.locator = locator;
            this.listener = req.listener();
            this.prj = req.projectDir().toAbsolutePath().normalize();
            this.buildDir = prj.resolve("build").resolve("resources");
            this.stamp = buildDir.resolve("yosys.stamp");
            this.reportFile = prj.resolve("reports").resolve("resources.json");
        }

        ResourceEstimate execute() throws IOException {
            Path fileList = prj.resolve("rtl").resolve("files.f");
            if (!Files.isRegularFile(fileList)) {
                throw new ConfigurationException("resource estimate of " + req.top() + ": the Verilog file list "
                        + fileList + " does not exist; run hls4ml:generate again (io_stream designs get Verilog)");
            }
            List<Path> sources = verilogFiles(prj, fileList);
            if (sources.isEmpty()) {
                throw new ConfigurationException(fileList + " lists no Verilog files");
            }
            Path yosys = locate();
            Files.createDirectories(buildDir);
            String version = version(yosys);

            Set<String> ordered = new LinkedHashSet<>(req.layerModules());
            ordered.remove(req.top());
            List<String> modules = new ArrayList<>(ordered);
            modules.add(req.top());
            String script = script(sources, modules);

            ContentHash h = new ContentHash().add("format", FORMAT).add("yosys", yosys.toString())
                    .addFileMetadata("yosys-binary", yosys).add("version", version).add("modules", modules)
                    .add("script", script.replace(prj.toString(), "${project}"));
            for (Path s : sources) {
                h.addFile(prj.relativize(s).toString(), s);
            }
            String hash = h.hex();

            boolean ran = false;
            if (Stamp.matches(stamp, hash) && modules.stream().allMatch(m -> Files.isRegularFile(statFile(m)))) {
                listener.debug("resource estimate of " + req.top() + " is up to date");
            } else {
                synthesize(yosys, script, modules.size());
                Stamp.write(stamp, hash);
                ran = true;
            }

            Map<String, ResourceEstimate.Resources> layers = new LinkedHashMap<>();
            for (String m : modules.subList(0, modules.size() - 1)) {
                layers.put(m, read(m));
            }
            ResourceEstimate estimate = new ResourceEstimate(ran, version, req.top(), read(req.top()), layers,
                    reportFile);
            writeReport(estimate);
            return estimate;
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

        private String script(List<Path> sources, List<String> modules) {
            StringBuilder b = new StringBuilder("# Resource estimate written by hls4ml; run with yosys -s\n");
            for (Path s : sources) {
                boolean sv = s.getFileName().toString().endsWith(".sv");
                b.append("read_verilog ").append(sv ? "-sv " : "").append(quote(s)).append('\n');
            }
            b.append("design -save hls4ml_sources\n");
            for (String m : modules) {
                b.append("design -load hls4ml_sources\n");
                b.append("synth_xilinx -family xc7 -flatten -noiopad -top ").append(m).append('\n');
                b.append("tee -q -o ").append(quote(statFile(m))).append(" stat -json\n");
            }
            return b.toString();
        }

        /**
         * A path for the script: relative to the project (yosys runs there), unquoted, since yosys 0.23 keeps the
         * quotes of a quoted {@code tee -o} file name as part of the name.
         */
        private String quote(Path p) {
            String rel = prj.relativize(p.toAbsolutePath().normalize()).toString();
            if (rel.matches(".*[\\s\";].*")) {
                throw new ConfigurationException("the resource estimate cannot pass " + rel + " to yosys: the path"
                        + " has a space, a quote or a semicolon; rename it, or turn the estimate off with"
                        + " -Dhls4ml.resourceEstimate=false");
            }
            return rel;
        }

        private Path statFile(String module) {
            return buildDir.resolve("stat_" + module + ".json");
        }

        private void synthesize(Path yosys, String script, int count) throws IOException {
            Stamp.delete(stamp);
            Path scriptFile = buildDir.resolve("estimate.ys");
            FileWriting.writeIfChanged(scriptFile, script);
            Path fullLog = buildDir.resolve("yosys-full.log");
            List<String> cmd = List.of(yosys.toString(), "-q", "-l", fullLog.toString(), "-s", scriptFile.toString());
            listener.info("Resource estimate: synthesizing " + req.top() + (count > 1 ? " and " + (count - 1)
                    + " layer module" + (count > 2 ? "s" : "") : "") + " with yosys synth_xilinx");
            ProcessResult r = new ProcessRunner(listener).run(cmd, prj, Map.of(), buildDir.resolve("yosys.log"),
                    req.timeout());
            if (!r.succeeded()) {
                throw new ToolException("resource estimate of " + req.top() + ": yosys failed: "
                        + ProcessRunner.failureMessage(cmd, r, req.timeout())
                        + "\nThe whole yosys output is in " + fullLog
                        + (r.timedOut() ? "; raise <cosimTimeout> / -Dhls4ml.cosim.timeout, or turn the estimate"
                        + " off with -Dhls4ml.resourceEstimate=false" : ""));
            }
            listener.info("Resource estimate: yosys took " + ProcessRunner.formatDuration(r.elapsed()));
        }

        private ResourceEstimate.Resources read(String module) throws IOException {
            Path f = statFile(module);
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

        private void writeReport(ResourceEstimate e) throws IOException {
            ObjectNode root = JSON.createObjectNode();
            root.put("method", ResourceEstimate.DISCLAIMER);
            root.put("tool", e.tool());
            root.put("family", "xc7");
            root.put("top", e.top());
            put(root.putObject("total"), e.total());
            ObjectNode layers = root.putObject("layers");
            e.layers().forEach((m, r) -> put(layers.putObject(m), r));
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
