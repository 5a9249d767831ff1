package org.hls4ml.backends;

import org.hls4ml.optimizer.OptimizerRegistry;

/** A target: registers its passes and flows and names its default flow; its writer lays out the project. */
public interface Backend {

    /** The name users write in {@code Backend:} (e.g. {@code Vivado}). */
    String name();

    /** Prefix of its passes and flows (e.g. {@code vivado}). */
    String prefix();

    /** Registers the backend's passes and flows (and the backend-independent ones it builds on). */
    void register(OptimizerRegistry registry);

    /** The flow that makes a model ready for the writer (e.g. {@code vivado:ip}). */
    String defaultFlow();

    /** The HLS tool the generated scripts are for ({@code vivado_hls} or {@code vitis_hls}). */
    String hlsTool();
}
