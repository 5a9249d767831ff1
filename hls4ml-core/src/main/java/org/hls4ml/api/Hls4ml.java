package org.hls4ml.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hls4ml.backends.Backend;
import org.hls4ml.backends.Backends;
import org.hls4ml.backends.rtl.RtlDesign;
import org.hls4ml.backends.rtl.RtlWriter;
import org.hls4ml.cosim.RtlFacts;
import org.hls4ml.config.ConfigLoader;
import org.hls4ml.config.HlsConfig;
import org.hls4ml.converters.ConvertedModel;
import org.hls4ml.converters.keras.KerasReader;
import org.hls4ml.fifo.FifoOptimizationRequest;
import org.hls4ml.fifo.FifoProject;
import org.hls4ml.model.Layer;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.model.TensorVariable;
import org.hls4ml.optimizer.FlowRunner;
import org.hls4ml.optimizer.OptimizerRegistry;
import org.hls4ml.sim.CSimRequest;
import org.hls4ml.sim.CSimResult;
import org.hls4ml.sim.CSimulator;
import org.hls4ml.sim.DatFile;
import org.hls4ml.sim.PredictionComparison;
import org.hls4ml.tools.ContentHash;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.Stamp;
import org.hls4ml.writer.GeneratedProject;
import org.hls4ml.writer.ProjectFiles;
import org.hls4ml.writer.ProjectManifest;
import org.hls4ml.vendor.StepResult;
import org.hls4ml.vendor.VendorCosimOutcome;
import org.hls4ml.vendor.VendorFacade;
import org.hls4ml.vendor.VendorOptions;
import org.hls4ml.vendor.VendorTool;
import org.hls4ml.writer.VivadoWriter;

/**
 * The one entry point of the core: convert a model and write its HLS project. Failures are {@link Hls4mlException}s
 * whose messages name the file, the layer or the setting and what would fix it. Never prints; reports through the
 * listener.
 */
public final class Hls4ml {

    /** Stamp of the last successful generation, inside the project. */
    public static final String GENERATE_STAMP = ".hls4ml/generate.sha256";

    private Hls4ml() {
    }

    /** Reads the configuration of a request: the file (if any) with the request's overrides on top. */
    public static HlsConfig configuration(GenerateRequest r) {
        HlsConfig base = r.config() == null ? HlsConfig.empty() : ConfigLoader.load(r.config());
        return base.withOverrides(r.overrides(), r.modelOverrides(), r.passConfig());
    }

    /** The project directory a request generates into: {@code outputDirectory/<ProjectName>}. */
    public static Path projectDir(GenerateRequest r) {
        return r.outputDirectory().resolve(configuration(r).projectName());
    }

    /** Converts the model and runs the backend's default flow and the user's flows; nothing is written. */
    public static Conversion convert(GenerateRequest r, ProgressListener log) {
        HlsConfig config = configuration(r);
        config.warnings().forEach(log::warn);
        ConvertedModel converted = readModel(r, config);
        ModelGraph model = ModelGraph.build(converted, config);
        Backend backend = Backends.get(config.backend());
        OptimizerRegistry registry = new OptimizerRegistry();
        backend.register(registry);
        config.passConfig().forEach(registry::configure);
        List<String> flows = new ArrayList<>();
        flows.add(backend.defaultFlow());
        for (String f : config.flows()) {
            registry.flow(f);
            flows.add(f);
        }
        FlowRunner runner = new FlowRunner(registry, r.dumpDir());
        List<String> applied = runner.run(model, flows);
        model.validate();
        model.warnings().forEach(log::warn);
        return new Conversion(model, backend, registry, applied);
    }

    /** A converted model ready for a writer. */
    public record Conversion(ModelGraph model, Backend backend, OptimizerRegistry registry, List<String> flows) {
    }

    /**
     * Converts the model and writes the HLS project to {@code outputDirectory/<ProjectName>}. When the inputs (model,
     * weights, configuration, test data, settings, tool version) are unchanged since the last successful run, nothing
     * is converted or written.
     */
    public static GenerateResult generate(GenerateRequest r, ProgressListener log) {
        HlsConfig config = configuration(r);
        Path projectDir = r.outputDirectory().resolve(config.projectName());
        Path stamp = projectDir.resolve(GENERATE_STAMP);
        String hash = inputHash(r, config);
        if (Stamp.matches(stamp, hash) && Files.isRegularFile(projectDir.resolve(ProjectManifest.FILE))) {
            log.info("HLS project " + projectDir + " is up to date; nothing regenerated");
            try {
                FifoProject.recoverInterrupted(projectDir, log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new GenerateResult(projectDir, config.projectName(), true, 0, List.of(), List.of());
        }
        try {
            Stamp.delete(stamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Conversion c = convert(r, log);
        ModelGraph model = c.model();
        int nIn = model.inputVariables().stream().mapToInt(TensorVariable::size).sum();
        int nOut = model.outputVariables().stream().mapToInt(TensorVariable::size).sum();
        String tbIn = readDat(resolveSetting(config, "InputData", r), nIn, "the model input", "InputData / <inputData>");
        String tbOut = readDat(resolveSetting(config, "OutputPredictions", r), nOut, "the model output",
                "OutputPredictions / <outputPredictions>");
        GeneratedProject project = new VivadoWriter().write(model, c.backend(), tbIn, tbOut, r.version());
        // the RTL for co-simulation and IP packaging; a layer it cannot express is recorded, csim still works
        RtlDesign rtl = RtlWriter.write(model);
        rtl.files().forEach(project::put);
        if (!rtl.unsupported().isEmpty()) {
            log.info("RTL co-simulation will not be possible: " + String.join("; ", rtl.unsupported()));
        }
        RtlFacts facts = new RtlFacts(rtl.topModule(), rtl.unsupported(), rtl.fifos().stream()
                .map(f -> new RtlFacts.Fifo(f.name(), f.instancePath(), f.depth(), f.width())).toList(),
                rtl.layerModules());
        List<String> files = new ArrayList<>(project.files().keySet());
        files.add(ProjectManifest.FILE);
        ProjectManifest manifest = new ProjectManifest(config.projectName(), c.backend().name(), config.ioType(),
                c.backend().hlsTool(), nIn, nOut, files, facts,
                (FifoOptimizationRequest) model.attributes().get(FifoOptimizationRequest.ATTRIBUTE));
        project.put(ProjectManifest.FILE, manifest.toJson());
        ProjectManifest previous = Files.isRegularFile(projectDir.resolve(ProjectManifest.FILE))
                ? safeRead(projectDir) : null;
        int written = ProjectFiles.sync(projectDir, project, previous);
        try {
            // the streams are back at their default depths: an earlier FIFO optimization no longer describes them
            FifoProject.forget(projectDir);
            Stamp.write(stamp, hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> layers = model.layers().stream().map(Hls4ml::describe).toList();
        log.info("Wrote HLS project " + projectDir + " (" + config.backend() + ", " + config.ioType() + ", "
                + written + " files changed)");
        return new GenerateResult(projectDir, config.projectName(), false, written, c.flows(), layers);
    }

    private static ProjectManifest safeRead(Path dir) {
        try {
            return ProjectManifest.read(dir);
        } catch (Hls4mlException e) {
            return null;
        }
    }

    private static String describe(Layer l) {
        String t = l.output().type().name() + "=" + l.output().type().precision().cppType();
        return String.format(Locale.ROOT, "%-20s %-18s %-12s %s", l.name(), l.className(), l.output().shapeList(), t);
    }

    private static ConvertedModel readModel(GenerateRequest r, HlsConfig config) {
        ModelFiles f = modelFiles(r, config);
        return f.weights() == null ? KerasReader.readFullModel(f.model()) : KerasReader.read(f.model(), f.weights());
    }

    /** The Keras files of a request: a JSON architecture with its weights, or a full-model .h5 (weights null). */
    private record ModelFiles(Path model, Path weights) {
    }

    private static ModelFiles modelFiles(GenerateRequest r, HlsConfig config) {
        Path model = r.model() != null ? r.model() : configPath(config, r, "KerasJson");
        if (model == null) {
            model = configPath(config, r, "KerasModel");
        }
        if (model == null) {
            throw new ConfigurationException("no model given: set <model> (-Dhls4ml.model) to a Keras .json or full-model .h5,"
                    + " or KerasJson / KerasModel in the configuration file");
        }
        Path weights = r.weights() != null ? r.weights() : configPath(config, r, "KerasH5");
        String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            if (weights == null) {
                throw new ConfigurationException("model " + model + " is a Keras JSON architecture; its weights are needed too:"
                        + " set <weights> (-Dhls4ml.weights) or KerasH5 in the configuration file");
            }
            return new ModelFiles(model, weights);
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return new ModelFiles(model, null);
        }
        throw new ConfigurationException("model " + model + " is neither a Keras .json architecture nor a full-model .h5;"
                + " other formats (ONNX) are not supported yet");
    }

    /**
     * hls4ml's {@code config_from_keras_model}: reads the model of a request (no optimizer pass runs, nothing is
     * written) and lists every configurable attribute of its layers at the given granularity, with the value each takes
     * under the request's settings. Paths under the request's {@code baseDir} are written relative to it (the last
     * folder a configuration's relative paths resolve against, so the file may move within the project), others
     * absolute.
     */
    public static StarterConfig starterConfig(GenerateRequest r, StarterConfig.Granularity granularity,
                                              ProgressListener log) {
        Path configDir = r.baseDir();
        HlsConfig config = configuration(r);
        config.warnings().forEach(log::warn);
        ModelFiles files = modelFiles(r, config);
        ModelGraph model = ModelGraph.build(readModel(r, config), config);
        Map<String, Object> top = new LinkedHashMap<>();
        if (files.weights() != null) {
            top.put("KerasJson", relative(configDir, files.model()));
            top.put("KerasH5", relative(configDir, files.weights()));
        } else {
            top.put("KerasModel", relative(configDir, files.model()));
        }
        top.put("ProjectName", config.projectName());
        top.put("Backend", Backends.get(config.backend()).name());
        top.put("Part", config.part());
        double clock = config.clockPeriod();
        top.put("ClockPeriod", clock == Math.rint(clock) && clock < Integer.MAX_VALUE ? (Object) (int) clock : clock);
        top.put("ClockUncertainty", config.clockUncertainty());
        top.put("IOType", config.ioType());
        Path in = resolveSetting(config, "InputData", r);
        top.put("InputData", in == null ? null : relative(configDir, in));
        Path outp = resolveSetting(config, "OutputPredictions", r);
        top.put("OutputPredictions", outp == null ? null : relative(configDir, outp));
        top.put("Flows", config.flows().isEmpty() ? null : config.flows());
        return StarterConfig.of(granularity, top, config, model, files.model());
    }

    /**
     * Writes {@link #starterConfig} to {@code file}, creating its folder.
     *
     * @param overwrite whether an existing file may be replaced; when not, an existing file fails the call untouched
     */
    public static StarterConfig writeStarterConfig(GenerateRequest r, StarterConfig.Granularity granularity, Path file,
                                                   boolean overwrite, ProgressListener log) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target) && !overwrite) {
            throw new ConfigurationException(target + " already exists and was left as it is; delete it, choose another"
                    + " file (<configOutput> / -Dhls4ml.configOutput) or allow overwriting (-Dhls4ml.overwrite=true)");
        }
        StarterConfig c = starterConfig(r, granularity, log);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, c.yaml());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        log.info("Wrote the hls4ml configuration at granularity '" + granularity.label() + "' to " + target);
        return c;
    }

    private static String relative(Path dir, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path base = dir.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    /** A path setting from the configuration file, resolved against the file's folder, its parent, then baseDir. */
    private static Path configPath(HlsConfig config, GenerateRequest r, String key) {
        String v = config.string(key);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (p.isAbsolute()) {
            return p;
        }
        List<Path> tried = new ArrayList<>();
        if (r.config() != null) {
            Path dir = r.config().toAbsolutePath().getParent();
            tried.add(dir.resolve(p));
            if (dir.getParent() != null) {
                tried.add(dir.getParent().resolve(p));
            }
        }
        tried.add(r.baseDir().resolve(p));
        for (Path t : tried) {
            if (Files.exists(t)) {
                return t.normalize();
            }
        }
        return tried.get(tried.size() - 1).normalize();
    }

    private static Path resolveSetting(HlsConfig config, String key, GenerateRequest r) {
        Object override = r.overrides().get(key);
        if (override != null) {
            Path p = Path.of(String.valueOf(override));
            return p.isAbsolute() ? p : r.baseDir().resolve(p);
        }
        return configPath(config, r, key);
    }

    private static String readDat(Path file, int expected, String what, String setting) {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(setting + ": test bench file " + file + " does not exist");
        }
        try {
            DatFile.read(file, expected, what);
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read test bench file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String inputHash(GenerateRequest r, HlsConfig config) {
        try {
            ContentHash h = new ContentHash();
            h.add("tool", r.toolVersion());
            h.add("version", String.valueOf(r.version()));
            h.add("config", String.valueOf(new LinkedHashMap<>(config.asMap())));
            for (Path p : new Path[] {r.model(), r.weights(), r.config(), configPath(config, r, "KerasJson"),
                    configPath(config, r, "KerasH5"), configPath(config, r, "KerasModel"),
                    resolveSetting(config, "InputData", r), resolveSetting(config, "OutputPredictions", r)}) {
                if (p != null && Files.isRegularFile(p)) {
                    h.addFile(p.toAbsolutePath().toString(), p);
                } else {
                    h.add("missing", String.valueOf(p));
                }
            }
            return h.hex();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles and runs the C simulation of a generated project with g++, writing {@code tb_data/csim_results.log};
     * compares with {@code tb_data/tb_output_predictions.dat} when the project has it. Fails with a
     * {@link SimulationFailureException} when a threshold of the options is not met.
     */
    public static CsimReport csim(CsimOptions o, ProgressListener log) {
        return csim(o, null, log);
    }

    /**
     * The C simulation by the engine {@code vendor} chooses: the vendor tool runs {@code build_prj.tcl} with
     * {@code csim=1 synth=0 cosim=0} when it is chosen (engine vendor, or auto with the project's HLS tool found),
     * else g++ as {@link #csim(CsimOptions, ProgressListener)}. Either way {@code tb_data/csim_results.log} must be
     * written and is compared with the predictions under the thresholds of {@code o}.
     *
     * @param vendor the engine settings; null for the open tools
     * @throws ToolException engine vendor without a vendor tool (listing what was searched), or a failed tool
     */
    public static CsimReport csim(CsimOptions o, VendorOptions vendor, ProgressListener log) {
        Optional<VendorTool> tool = vendor == null ? Optional.empty() : VendorFacade.engine(vendor, log);
        if (tool.isPresent()) {
            StepResult step = VendorFacade.csim(vendor, tool.get(), log);
            return new CsimReport(null, compareWithPredictions(o, step.output(), log), step);
        }
        ProjectManifest m = ProjectManifest.read(o.projectDir());
        CSimRequest.Builder b = CSimRequest.builder(o.projectDir(), m.projectName())
                .inputSize(m.inputSize()).outputSize(m.outputSize()).listener(log);
        if (o.gxx() != null) {
            b.gxx(o.gxx());
        }
        if (o.compilerFlags() != null && !o.compilerFlags().isEmpty()) {
            b.compilerFlags(o.compilerFlags());
        }
        if (o.vendorIncludeDir() != null) {
            b.vendorIncludeDir(o.vendorIncludeDir());
        }
        if (o.timeout() != null) {
            b.timeout(o.timeout());
        }
        CSimResult r = new CSimulator().csim(b.build());
        if (r.compiled() || r.ran()) {
            log.info("C simulation: " + r.summary());
        }
        return new CsimReport(r, compareWithPredictions(o, r.resultsFile(), log));
    }

    /** Compares C simulation results with the project's predictions, if any, enforcing the thresholds of {@code o}. */
    private static PredictionComparison compareWithPredictions(CsimOptions o, Path results, ProgressListener log) {
        Path predictions = o.projectDir().resolve("tb_data/tb_output_predictions.dat");
        PredictionComparison cmp = null;
        if (Files.isRegularFile(predictions)) {
            try {
                cmp = PredictionComparison.compare(results, predictions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.info("C simulation vs predictions: " + cmp.describe());
            if (cmp.shapeMismatch().isPresent()) {
                throw new SimulationFailureException(cmp.shapeMismatch().get());
            }
            if (o.maxAbsDiff() != null && cmp.maxAbsDiff() > o.maxAbsDiff()) {
                throw new SimulationFailureException("C simulation differs from the predictions by up to " + cmp.maxAbsDiff()
                        + ", more than the allowed " + o.maxAbsDiff() + " (<csimMaxAbsDiff>); " + cmp.describe());
            }
            if (o.minArgmaxAgreement() != null && cmp.argmaxAgreement() < o.minArgmaxAgreement()) {
                throw new SimulationFailureException("the C simulation's argmax agrees with the predictions on "
                        + cmp.argmaxAgreement() + " of the samples, less than the required " + o.minArgmaxAgreement()
                        + " (<csimMinArgmaxAgreement>); " + cmp.describe());
            }
        } else if (o.maxAbsDiff() != null || o.minArgmaxAgreement() != null) {
            throw new ConfigurationException("csim thresholds are set but the project has no predictions to compare with;"
                    + " set <outputPredictions> (OutputPredictions in the config)");
        }
        return cmp;
    }

    /**
     * RTL co-simulation of a generated io_stream project under Verilator (bit-exact comparison with csim, cycle and
     * FIFO report, optional yosys resource estimate).
     */
    public static org.hls4ml.cosim.CosimOutcome cosim(org.hls4ml.cosim.CosimOptions o, ProgressListener log) {
        return org.hls4ml.cosim.CosimFacade.run(o, log);
    }

    /**
     * The co-simulation by the engine {@code vendor} chooses: with the vendor tool, synthesis ({@code reports/csynth.json})
     * and the C/RTL co-simulation with validation, after the FIFO depth optimization when the flows ask for it
     * ({@link VendorFacade#cosim}); else the RTL co-simulation under Verilator as
     * {@link #cosim(org.hls4ml.cosim.CosimOptions, ProgressListener)}.
     *
     * @param vendor the engine settings; null for the open tools
     */
    public static org.hls4ml.cosim.CosimOutcome cosim(org.hls4ml.cosim.CosimOptions o, VendorOptions vendor,
                                                      ProgressListener log) {
        Optional<VendorTool> tool = vendor == null ? Optional.empty() : VendorFacade.engine(vendor, log);
        if (tool.isPresent()) {
            VendorCosimOutcome v = VendorFacade.cosim(vendor, tool.get(), log);
            return new org.hls4ml.cosim.CosimOutcome(null, null, v.fifo(), v);
        }
        return cosim(o, log);
    }

    /**
     * Packages a generated io_stream project as an IP core zip (IP-XACT {@code component.xml}, the Verilog, the HLS
     * project and its reports); does nothing when the zip already holds exactly these inputs.
     */
    public static org.hls4ml.ip.IpResult ip(org.hls4ml.ip.IpRequest request, ProgressListener log) {
        return org.hls4ml.ip.IpPackager.pack(request, log);
    }

    /**
     * The IP core by the engine {@code vendor} chooses: with the vendor tool (engine vendor, or auto with the
     * project's HLS tool found), its synthesis (when not up to date) and {@code export_design -format ip_catalog}
     * ({@link VendorFacade#export}), whose zip is packaged as the vendor laid it out plus the project's reports; else
     * the open engine's zip as {@link #ip(org.hls4ml.ip.IpRequest, ProgressListener)}. A failed vendor export leaves
     * no zip at the request's path. {@link org.hls4ml.ip.IpResult#engine()} says which engine produced the core.
     *
     * @param vendor the engine settings; null for the open engine
     * @throws ToolException engine vendor without a vendor tool (listing what was searched), or a failed step
     */
    public static org.hls4ml.ip.IpResult ip(org.hls4ml.ip.IpRequest request, VendorOptions vendor,
                                            ProgressListener log) {
        Optional<VendorTool> tool = vendor == null ? Optional.empty() : VendorFacade.engine(vendor, log);
        if (tool.isEmpty()) {
            return ip(request, log);
        }
        return org.hls4ml.ip.IpPackager.pack(request, () -> VendorFacade.export(vendor, tool.get(), log), log);
    }
}
