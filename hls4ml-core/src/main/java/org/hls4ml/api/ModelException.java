package org.hls4ml.api;

/** A model or weights file that cannot be read or converted (names the file and the layer). */
public class ModelException extends Hls4mlException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
