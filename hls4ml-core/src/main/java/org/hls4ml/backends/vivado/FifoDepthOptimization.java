package org.hls4ml.backends.vivado;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hls4ml.api.ConfigurationException;
import org.hls4ml.fifo.FifoOptimizationRequest;
import org.hls4ml.model.ModelGraph;
import org.hls4ml.optimizer.ConfigurablePass;
import org.hls4ml.optimizer.ModelOptimizerPass;

/**
 * {@code <backend>:fifo_depth_optimization}: asks for the FIFO depth optimization of an io_stream design. At
 * generation time it only checks the settings and records the request on the model (the writer puts it in
 * {@code hls4ml-project.json}); the profiling co-simulation, the resizing and the verifying co-simulation happen in
 * the integration-test phase ({@code hls4ml:cosim}), after the C simulation, each in its own stage. No writer or tool
 * runs inside this pass.
 *
 * <p>Parameter {@code profiling_fifo_depth}: the depth of every inter-layer FIFO during profiling (default 100,000;
 * 0 profiles at the default depths).
 */
public final class FifoDepthOptimization implements ModelOptimizerPass, ConfigurablePass {

    public static final String NAME = "fifo_depth_optimization";
    public static final int DEFAULT_PROFILING_DEPTH = 100_000;

    private final String flow;
    private int profilingDepth = DEFAULT_PROFILING_DEPTH;

    /** @param flow the full name of the flow this pass belongs to, e.g. {@code vivado:fifo_depth_optimization} */
    public FifoDepthOptimization(String flow) {
        this.flow = flow;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "io_stream: profile every inter-layer FIFO in co-simulation at profiling_fifo_depth, then set its depth"
                + " to the maximum occupancy + 1 (carried out by hls4ml:cosim)";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("profiling_fifo_depth", "a non-negative integer: the depth of every inter-layer FIFO while it is"
                + " profiled (default 100000; 0 keeps the default depths)");
    }

    @Override
    public void configure(Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!e.getKey().equals("profiling_fifo_depth")) {
                throw new ConfigurationException("optimizer pass '" + flow + "' has no parameter '" + e.getKey()
                        + "'; its parameters are " + parameters().keySet());
            }
            profilingDepth = parseDepth(e.getValue());
        }
    }

    private int parseDepth(Object value) {
        String text = String.valueOf(value).trim().replace("_", "");
        int depth;
        try {
            BigDecimal d = new BigDecimal(text);
            depth = d.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw badDepth(value);
        }
        if (depth < 0) {
            throw badDepth(value);
        }
        return depth;
    }

    private ConfigurationException badDepth(Object value) {
        return new ConfigurationException("optimizer pass '" + flow + "': profiling_fifo_depth '" + value
                + "' is not valid; it must be a non-negative integer (e.g. 100000, the default; 0 keeps the default"
                + " depths). Set it in the configuration file (PassConfig: {" + flow + ": {profiling_fifo_depth: 100000}})"
                + " or in the pom (<passConfig>" + flow + ".profiling_fifo_depth=100000</passConfig>)");
    }

    @Override
    public Map<String, Object> configuration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profiling_fifo_depth", profilingDepth);
        return m;
    }

    public int profilingDepth() {
        return profilingDepth;
    }

    @Override
    public boolean transform(ModelGraph model) {
        String io = model.config().ioType();
        if (!"io_stream".equals(io)) {
            throw new ConfigurationException("flow " + flow + " sizes the FIFOs between layers, which only exist with"
                    + " IOType: io_stream; this model is generated with IOType " + io + ". Set IOType: io_stream in"
                    + " the configuration file (or <ioType>io_stream</ioType> in the pom), or remove " + flow
                    + " from Flows");
        }
        model.attributes().put(FifoOptimizationRequest.ATTRIBUTE, new FifoOptimizationRequest(flow, profilingDepth));
        return false;
    }
}
