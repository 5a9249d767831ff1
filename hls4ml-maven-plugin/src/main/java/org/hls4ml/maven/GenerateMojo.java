package org.hls4ml.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.hls4ml.api.GenerateResult;
import org.hls4ml.api.Hls4ml;

/**
 * Converts the model and writes the HLS C++ project ({@code firmware/}, test bench, {@code tb_data/}, tcl scripts) to
 * {@code <outputDirectory>/<ProjectName>}. Does nothing when model, weights, configuration, test data and settings are
 * unchanged since the last run.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractHls4mlMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        MavenProgressListener log = new MavenProgressListener(getLog());
        var request = request();
        GenerateResult r = call(() -> Hls4ml.generate(request, log));
        if (!r.upToDate()) {
            getLog().info("Flows applied: " + String.join(" -> ", r.flows()));
            for (String l : r.layers()) {
                getLog().info("  " + l);
            }
        }
    }
}
