package org.hls4ml.types;

/** A precision string that does not parse; the message names the text and the accepted forms. */
public class PrecisionFormatException extends IllegalArgumentException {
    public PrecisionFormatException(String message) {
        super(message);
    }
}
