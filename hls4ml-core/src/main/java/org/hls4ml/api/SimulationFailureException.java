package org.hls4ml.api;

/** The design itself failed a check: simulated outputs off the predictions, a deadlock, a cosim mismatch. */
public class SimulationFailureException extends Hls4mlException {
    public SimulationFailureException(String message) {
        super(message);
    }

    public SimulationFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
