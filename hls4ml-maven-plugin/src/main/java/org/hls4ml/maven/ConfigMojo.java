package org.hls4ml.maven;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.api.StarterConfig;

/**
 * Writes a starter hls4ml configuration for the model, as hls4ml's {@code config_from_keras_model} does: the top-level
 * settings, {@code HLSConfig.Model}, and at granularity {@code type} or {@code name} every configurable attribute of
 * each layer class or layer (precisions by variable, reuse factor, strategy, table sizes...) with the value it takes
 * by default. Fed back through {@code <config>} unchanged, it generates the same project; edit what you need. Bound to
 * no phase: run it by hand, e.g. {@code mvn hls4ml:config -Dhls4ml.granularity=name}.
 */
@Mojo(name = "config", threadSafe = true)
public class ConfigMojo extends AbstractHls4mlMojo {

    /**
     * How detailed the configuration is: {@code model} (only {@code HLSConfig.Model}), {@code type} (plus one
     * {@code LayerType} entry per layer class) or {@code name} (plus one {@code LayerName} entry per layer).
     */
    @Parameter(property = Hls4mlProperties.GRANULARITY, defaultValue = "model")
    protected String granularity;

    /** The file written (YAML). */
    @Parameter(property = Hls4mlProperties.CONFIG_OUTPUT, defaultValue = "${project.build.directory}/hls4ml/hls4ml_config.yml")
    protected File configOutput;

    /** Replace {@code <configOutput>} when it exists; without it an existing file is left as it is and the goal fails. */
    @Parameter(property = Hls4mlProperties.OVERWRITE, defaultValue = "false")
    protected boolean overwrite;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        // a misspelt granularity fails before the model is read
        StarterConfig.Granularity g = call(() -> StarterConfig.Granularity.parse(granularity));
        var request = request();
        StarterConfig c = call(() -> Hls4ml.writeStarterConfig(request, g, configOutput.toPath(), overwrite,
                new MavenProgressListener(getLog())));
        getLog().info("Pass it with <config> or -D" + Hls4mlProperties.CONFIG + "=" + configOutput
                + (c.granularity() == StarterConfig.Granularity.NAME ? "" : "; -D" + Hls4mlProperties.GRANULARITY
                + "=name lists every layer"));
    }
}
