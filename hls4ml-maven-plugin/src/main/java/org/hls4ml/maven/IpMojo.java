package org.hls4ml.maven;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.hls4ml.api.Hls4ml;
import org.hls4ml.ip.IpRequest;
import org.hls4ml.ip.IpResult;

/**
 * Packages the generated io_stream design as an IP core, {@code target/<finalName>-ip.zip}, attached to the build with
 * classifier {@code ip} (type {@code zip}) so {@code install} and {@code deploy} publish it: {@code component.xml}
 * (IP-XACT IEEE 1685-2009 with AXI4-Stream, clock and reset interfaces), the Verilog under {@code hdl/verilog/}, the
 * HLS project under {@code hls/} and the reports under {@code reports/}. Reproducible (sorted entries, times from
 * {@code project.build.outputTimestamp}); not rewritten when nothing it holds changed. When {@code hls4ml:cosim} runs
 * later in the same build (integration-test) and changes the design or its reports (FIFO depth optimization), it
 * rebuilds this zip.
 */
@Mojo(name = "ip", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IpMojo extends AbstractHls4mlMojo {

    /** The classifier and type of the attached zip. */
    static final String CLASSIFIER = "ip";
    static final String TYPE = "zip";

    /** Where this goal leaves its request for {@link CosimMojo}, in the project's context. */
    static final String REQUEST_KEY = IpMojo.class.getName() + ".request";

    /** IP-XACT vendor of the core (the V of its VLNV). */
    @Parameter(property = Hls4mlProperties.IP_VENDOR, defaultValue = "${project.groupId}")
    private String vendor;

    /** IP-XACT library of the core (the L of its VLNV); its name is the ProjectName, its version the project's. */
    @Parameter(property = Hls4mlProperties.IP_LIBRARY, defaultValue = IpRequest.DEFAULT_LIBRARY)
    private String library;

    /**
     * Time of every zip entry, as Maven's archivers read it: ISO-8601 ({@code 2026-01-01T00:00:00Z}) or seconds since
     * the epoch. Unset: 1980-02-01T00:00:00Z, so the zip is reproducible either way.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skip packaging the IP core only. */
    @Parameter(property = Hls4mlProperties.IP_SKIP, defaultValue = "false")
    private boolean skipIp;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
    private String finalName;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipIp) {
            getLog().info("hls4ml: IP core not packaged (" + (skip ? Hls4mlProperties.SKIP : Hls4mlProperties.IP_SKIP) + ")");
            return;
        }
        MavenProgressListener log = new MavenProgressListener(getLog());
        var generate = request();
        IpRequest request = call(() -> new IpRequest(Hls4ml.projectDir(generate),
                new File(buildDirectory, finalName + "-" + CLASSIFIER + "." + TYPE).toPath(), vendor, library,
                project.getVersion(), IpRequest.parseTimestamp(outputTimestamp)));
        IpResult result = call(() -> Hls4ml.ip(request, log));
        projectHelper.attachArtifact(project, TYPE, CLASSIFIER, result.zipFile().toFile());
        project.setContextValue(REQUEST_KEY, request);
    }
}
