package org.hls4ml.api;

/** A bad setting: in the configuration file, a plugin parameter, or a layer attribute (names the setting). */
public class ConfigurationException extends Hls4mlException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
