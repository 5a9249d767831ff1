package org.hls4ml.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link Hls4ml#generate} needs. Null fields fall back to the configuration file, then to hls4ml's
 * defaults. Relative paths inside the configuration file resolve against the file's folder, then its parent, then
 * {@code baseDir}.
 *
 * @param model             Keras model JSON, or a full-model {@code .h5}; null takes {@code KerasJson}/{@code KerasModel} from the config
 * @param weights           Keras weights {@code .h5} for a JSON model; null takes {@code KerasH5} from the config
 * @param config            hls4ml configuration (YAML or JSON), or null
 * @param outputDirectory   the project is written to {@code outputDirectory/<ProjectName>}
 * @param baseDir           folder relative paths resolve against last (the Maven project's basedir)
 * @param overrides         top-level settings that win over the config file: Backend, IOType, ProjectName, Part,
 *                          ClockPeriod, InputData, OutputPredictions, Flows (null values are ignored)
 * @param modelOverrides    HLSConfig.Model settings that win: Precision, ReuseFactor, Strategy
 * @param passConfig        parameters of configurable passes by pass name
 * @param version           version written into the IP scripts (the Maven project version)
 * @param toolVersion       version of this product; a change regenerates the project
 * @param dumpDir           when set, the graph is dumped there after every pass
 */
public record GenerateRequest(Path model, Path weights, Path config, Path outputDirectory, Path baseDir,
                              Map<String, Object> overrides, Map<String, Object> modelOverrides,
                              Map<String, Map<String, Object>> passConfig, String version, String toolVersion,
                              Path dumpDir) {

    public GenerateRequest {
        overrides = overrides == null ? Map.of() : new LinkedHashMap<>(overrides);
        modelOverrides = modelOverrides == null ? Map.of() : new LinkedHashMap<>(modelOverrides);
        passConfig = passConfig == null ? Map.of() : new LinkedHashMap<>(passConfig);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with hls4ml's names for the settings. */
    public static final class Builder {
        private Path model;
        private Path weights;
        private Path config;
        private Path outputDirectory;
        private Path baseDir = Path.of("").toAbsolutePath();
        private final Map<String, Object> overrides = new LinkedHashMap<>();
        private final Map<String, Object> modelOverrides = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> passConfig = new LinkedHashMap<>();
        private String version = "1.0.0";
        private String toolVersion = "dev";
        private Path dumpDir;

        public Builder model(Path p) {
            model = p;
            return this;
        }

        public Builder weights(Path p) {
            weights = p;
            return this;
        }

        public Builder config(Path p) {
            config = p;
            return this;
        }

        public Builder outputDirectory(Path p) {
            outputDirectory = p;
            return this;
        }

        public Builder baseDir(Path p) {
            baseDir = p;
            return this;
        }

        /** A top-level setting by hls4ml's key (Backend, IOType, ProjectName, Part, ClockPeriod, InputData, ...). */
        public Builder set(String key, Object value) {
            if (value != null) {
                overrides.put(key, value);
            }
            return this;
        }

        public Builder backend(String v) {
            return set("Backend", v);
        }

        public Builder ioType(String v) {
            return set("IOType", v);
        }

        public Builder projectName(String v) {
            return set("ProjectName", v);
        }

        public Builder inputData(Path p) {
            return set("InputData", p == null ? null : p.toString());
        }

        public Builder outputPredictions(Path p) {
            return set("OutputPredictions", p == null ? null : p.toString());
        }

        public Builder flows(List<String> flows) {
            return set("Flows", flows == null || flows.isEmpty() ? null : List.copyOf(flows));
        }

        public Builder precision(String v) {
            if (v != null) {
                modelOverrides.put("Precision", v);
            }
            return this;
        }

        public Builder reuseFactor(Integer v) {
            if (v != null) {
                modelOverrides.put("ReuseFactor", v);
            }
            return this;
        }

        public Builder strategy(String v) {
            if (v != null) {
                modelOverrides.put("Strategy", v);
            }
            return this;
        }

        public Builder passParameter(String pass, String key, Object value) {
            passConfig.computeIfAbsent(pass, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public Builder toolVersion(String v) {
            toolVersion = v;
            return this;
        }

        public Builder dumpDir(Path p) {
            dumpDir = p;
            return this;
        }

        public GenerateRequest build() {
            if (outputDirectory == null) {
                throw new ConfigurationException("no output directory given");
            }
            return new GenerateRequest(model, weights, config, outputDirectory, baseDir, overrides, modelOverrides,
                    passConfig, version, toolVersion, dumpDir);
        }
    }
}
