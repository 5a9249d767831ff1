package org.hls4ml.cosim;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import org.hls4ml.api.ConfigurationException;
import org.hls4ml.api.Hls4mlException;
import org.hls4ml.fifo.FifoDepthOptimizer;
import org.hls4ml.fifo.FifoOptimizationResult;
import org.hls4ml.tools.ProgressListener;
import org.hls4ml.tools.ToolLocator;
import org.hls4ml.writer.ProjectManifest;

/**
 * The one entry point of the co-simulation step: RTL co-simulation under Verilator, checked against the C simulation,
 * then (optionally) the yosys resource estimate. Reports through the listener, including the two tables.
 */
public final class CosimFacade {

    private CosimFacade() {
    }

    /**
     * Co-simulates the project's RTL and estimates its resources.
     *
     * @throws ConfigurationException                   no RTL, layers the RTL backend could not express, no csim results
     * @throws org.hls4ml.api.ToolException              Verilator or yosys missing or failing
     * @throws org.hls4ml.api.SimulationFailureException a deadlock or outputs that differ from the C simulation
     */
    public static CosimOutcome run(CosimOptions o, ProgressListener log) {
        Objects.requireNonNull(o, "options");
        Objects.requireNonNull(o.projectDir(), "projectDir");
        ProgressListener listener = log == null ? ProgressListener.NONE : log;
        RtlFacts rtl = o.rtl() != null ? o.rtl() : RtlFacts.fromManifest(o.projectDir());
        if (!rtl.unsupported().isEmpty()) {
            throw new ConfigurationException("RTL co-simulation is impossible: the RTL backend cannot express "
                    + String.join(", ", rtl.unsupported()) + "; change those layers, or skip co-simulation with"
                    + " -Dhls4ml.cosim.skip");
        }
        if (o.rtl() == null && ProjectManifest.read(o.projectDir()).fifoOptimization() != null) {
            FifoOptimizationResult fifo = new FifoDepthOptimizer().optimize(o, fifoEstimator(o, rtl, listener),
                    listener);
            listener.info("RTL co-simulation of " + rtl.top() + " with the optimized FIFO depths (reports/cosim.json):");
            fifo.verification().table().lines().forEach(listener::info);
            return new CosimOutcome(fifo.verification(), o.resourceEstimate() ? fifo.after() : null, fifo);
        }
        CosimResult cosim = new Cosimulator().cosim(o.request(o.projectDir(), rtl.top(), rtl.fifos(), listener));
        listener.info("RTL co-simulation of " + rtl.top() + " (reports/cosim.json):");
        cosim.table().lines().forEach(listener::info);

        ResourceEstimate resources = o.resourceEstimate() ? estimate(o, rtl, o.projectDir(), listener) : null;
        return new CosimOutcome(cosim, resources, null);
    }

    /**
     * What the FIFO depth optimization estimates before and after resizing: the whole design with
     * {@code <resourceEstimate>}; otherwise, when yosys is there, the FIFOs and glue only (the top with the layers as
     * black boxes: seconds, and all that resizing changes); nothing without yosys.
     */
    private static Function<Path, ResourceEstimate> fifoEstimator(CosimOptions o, RtlFacts rtl,
                                                                  ProgressListener listener) {
        if (o.resourceEstimate()) {
            return dir -> estimate(o, rtl, dir, listener);
        }
        if (new ToolLocator(System.getenv(), listener).find("yosys", o.yosys(), "HLS4ML_YOSYS").isEmpty()) {
            listener.info("FIFO depth optimization: yosys not found, so no resource estimate of the FIFOs before and"
                    + " after (apt-get install yosys, or <yosys> / -Dhls4ml.yosys)");
            return null;
        }
        // not asked for: a yosys failure costs the estimate, not the build
        return dir -> {
            try {
                return new ResourceEstimator().estimate(new ResourceRequest(dir, rtl.top(), rtl.layerModules(),
                        o.yosys(), o.timeout(), listener).glue());
            } catch (Hls4mlException e) {
                listener.warn("FIFO depth optimization: no resource estimate of the FIFOs (" + e.getMessage() + ")");
                return null;
            }
        };
    }

    private static ResourceEstimate estimate(CosimOptions o, RtlFacts rtl, Path dir, ProgressListener listener) {
        ResourceEstimate resources = new ResourceEstimator().estimate(new ResourceRequest(dir, rtl.top(),
                rtl.layerModules(), o.yosys(), o.timeout(), listener));
        listener.info("Resources of " + rtl.top() + " (reports/resources.json):");
        resources.table().lines().forEach(listener::info);
        return resources;
    }
}
