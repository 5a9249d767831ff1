package org.hls4ml.optimizer;

import java.util.Map;

/**
 * A pass that takes parameters, configured by name from the pom ({@code <passConfig>}) or the configuration file
 * ({@code PassConfig}): the equivalent of hls4ml's {@code get_optimizer(name).configure(key=value)}.
 */
public interface ConfigurablePass extends OptimizerPass {

    /** Parameter names with a one-line description each (what {@link #configure} accepts). */
    Map<String, String> parameters();

    /**
     * Sets parameters; an unknown name or a bad value throws a
     * {@link org.hls4ml.api.ConfigurationException} naming the pass, the parameter and what is accepted.
     */
    void configure(Map<String, Object> values);

    /** The current values, for reports. */
    Map<String, Object> configuration();
}
