package org.hls4ml.backends.rtl;

import java.util.Map;

/** The fixed files of the RTL backend on their own (for tests of the FIFO). */
final class RtlWriterFiles {

    private RtlWriterFiles() {
    }

    static Map<String, String> fifoOnly() {
        return Map.of("rtl/hls4ml_fifo.v", RtlWriter.fifo());
    }
}
