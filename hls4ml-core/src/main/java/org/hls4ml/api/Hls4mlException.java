package org.hls4ml.api;

/** Base of every failure the core reports; the message says what failed and what would fix it. */
public class Hls4mlException extends RuntimeException {
    public Hls4mlException(String message) {
        super(message);
    }

    public Hls4mlException(String message, Throwable cause) {
        super(message, cause);
    }
}
