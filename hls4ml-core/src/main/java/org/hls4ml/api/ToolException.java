package org.hls4ml.api;

/** An outside tool (g++, Verilator, yosys, a vendor tool) is missing, failed to run or timed out. */
public class ToolException extends Hls4mlException {
    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
