package org.hls4ml.backends.vivado;

/**
 * The Vitis HLS backend: the same layer library and passes as Vivado under the {@code vitis:} prefix, with scripts for
 * {@code vitis_hls}.
 */
public final class VitisBackend extends VivadoBackend {

    @Override
    public String name() {
        return "Vitis";
    }

    @Override
    public String prefix() {
        return "vitis";
    }

    @Override
    public String hlsTool() {
        return "vitis_hls";
    }
}
