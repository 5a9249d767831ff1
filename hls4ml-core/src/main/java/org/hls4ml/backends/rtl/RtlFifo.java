package org.hls4ml.backends.rtl;

/**
 * One inter-layer FIFO of the generated RTL.
 *
 * @param name         the C++ stream variable, e.g. {@code layer2_out}
 * @param instancePath the hierarchical instance path under the top, e.g. {@code fifo_layer2_out}
 * @param depth        its depth (the stream depth of the C++ pragma)
 * @param width        bits per transaction
 */
public record RtlFifo(String name, String instancePath, int depth, int width) {
}
