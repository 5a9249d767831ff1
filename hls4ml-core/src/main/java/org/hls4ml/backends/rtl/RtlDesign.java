package org.hls4ml.backends.rtl;

import java.util.List;
import java.util.Map;

/**
 * The generated RTL of a model.
 *
 * @param files        path (relative to the HLS project directory, all under {@code rtl/}) to text
 * @param unsupported  what the backend cannot implement, e.g. {@code layer 'fc1' (Conv1D)}; empty when all is supported
 * @param topModule    the top module (the project name)
 * @param fifos        the inter-layer FIFOs
 * @param layerModules the layer module names (for per-layer estimates)
 */
public record RtlDesign(Map<String, String> files, List<String> unsupported, String topModule, List<RtlFifo> fifos,
                        List<String> layerModules) {
}
