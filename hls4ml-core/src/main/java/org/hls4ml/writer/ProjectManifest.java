package org.hls4ml.writer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.hls4ml.api.ConfigurationException;

/**
 * {@code hls4ml-project.json} in the project directory: what the later goals (csim, cosim, ip) need to know about
 * the generated project, and the list of generated files (so a regeneration can remove files it no longer makes).
 *
 * @param projectName the top function and file prefix
 * @param backend     Vivado or Vitis
 * @param ioType      io_parallel or io_stream
 * @param hlsTool     vivado_hls or vitis_hls
 * @param inputSize   values per sample the model reads (all inputs together)
 * @param outputSize  values per sample it writes
 * @param files       generated files, relative to the project
 * @param rtl         what the RTL backend wrote under {@code rtl/} (null when it did not run)
 * @param fifoOptimization the FIFO depth optimization the flows asked for (null when none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectManifest(String projectName, String backend, String ioType, String hlsTool, int inputSize,
                              int outputSize, List<String> files,
                              @JsonInclude(JsonInclude.Include.NON_NULL) org.hls4ml.cosim.RtlFacts rtl,
                              @JsonInclude(JsonInclude.Include.NON_NULL)
                              org.hls4ml.fifo.FifoOptimizationRequest fifoOptimization) {

    public static final String FILE = "hls4ml-project.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The same manifest with other RTL facts (the FIFO depth optimization changes the FIFO depths). */
    public ProjectManifest withRtl(org.hls4ml.cosim.RtlFacts newRtl) {
        return new ProjectManifest(projectName, backend, ioType, hlsTool, inputSize, outputSize, files, newRtl,
                fifoOptimization);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the manifest of a project directory; a missing one means the project was never generated there. */
    public static ProjectManifest read(Path projectDir) {
        Path f = projectDir.resolve(FILE);
        try {
            return JSON.readValue(Files.readString(f), ProjectManifest.class);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("no generated HLS project in " + projectDir + " (" + FILE
                    + " is missing); run the hls4ml:generate goal first (it is bound to generate-sources)");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + f + ": " + e.getMessage() + "; run hls4ml:generate again", e);
        }
    }
}
