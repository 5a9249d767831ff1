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
import org.hls4ml.vendor.VendorOptions;

/**
 * Packages the generated design as an IP core, {@code target/<finalName>-ip.zip}, attached to the build with
 * classifier {@code ip} (type {@code zip}) so {@code install} and {@code deploy} publish it. The engine
 * ({@code <engine>}, as for {@code hls4ml:csim} and {@code hls4ml:cosim}) decides what the zip holds:
 * <ul>
 * <li>open ({@code open}, or {@code auto} without a vendor tool), for io_stream designs: {@code component.xml}
 * (IP-XACT IEEE 1685-2009 with AXI4-Stream, clock and reset interfaces, VLNV
 * {@code <vendor>:<library>:<ProjectName>:<project version>}), the generated Verilog under {@code hdl/verilog/}, the
 * HLS project under {@code hls/} and the reports under {@code reports/};</li>
 * <li>vendor ({@code vendor}, or {@code auto} with the project's {@code vivado_hls}/{@code vitis_hls} found): the
 * vendor tool synthesizes (unless up to date) and runs {@code build_prj.tcl} with {@code export=1}
 * ({@code export_design -format ip_catalog}, log {@code build/vendor/export.log}); the zip holds the vendor's export
 * zip's entries as it lays them out ({@code component.xml} with the vendor's VLNV
 * {@code xilinx.com:hls:<ProjectName>:<major>.<minor>}, {@code hdl/}, {@code drivers/}, {@code xgui/}, ...) plus
 * the reports under {@code reports/} (the C simulation's and co-simulation's results, {@code csynth.json}, ...).
 * The IP version is the project version's first two numbers ({@code 1.0.0-SNAPSHOT} gives {@code 1.0}), which
 * {@code hls4ml:generate} writes into {@code project.tcl}, since Vivado's IP catalog numbers IP
 * {@code <major>.<minor>}; {@code <vendor>} and {@code <library>} apply to the open engine only. A failing export
 * fails the build naming its log, and leaves no zip at the target path. Works for io_parallel designs too.</li>
 * </ul>
 * Either way the zip is reproducible (sorted entries, times from {@code project.build.outputTimestamp}), written to a
 * temporary file and moved into place, and not rewritten when nothing it holds changed (for the vendor engine, the
 * vendor zip's hash counts). The log says which engine produced the core. When {@code hls4ml:cosim} runs later in the
 * same build (integration-test) and changes the design or its reports (FIFO depth optimization, co-simulation
 * results), it rebuilds this zip with the same engine.
 */
@Mojo(name = "ip", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IpMojo extends AbstractHls4mlMojo {

    /** The classifier and type of the attached zip. */
    static final String CLASSIFIER = "ip";
    static final String TYPE = "zip";

    /** Where this goal leaves its {@link Packaging} for {@link CosimMojo}, in the project's context. */
    static final String REQUEST_KEY = IpMojo.class.getName() + ".request";

    /** What this goal packaged and with which engine settings, for {@link CosimMojo} to package again. */
    record Packaging(IpRequest request, VendorOptions vendor) {
    }

    /** IP-XACT vendor of the core (the V of its VLNV) with the open engine; a vendor tool names its own. */
    @Parameter(property = Hls4mlProperties.IP_VENDOR, defaultValue = "${project.groupId}")
    private String vendor;

    /**
     * IP-XACT library of the core (the L of its VLNV) with the open engine; its name is the ProjectName, its version
     * the project's. A vendor tool names its own library ({@code hls}).
     */
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
        VendorOptions engineOptions = call(() -> vendorOptions(request.projectDir()));
        IpResult result = call(() -> Hls4ml.ip(request, engineOptions, log));
        projectHelper.attachArtifact(project, TYPE, CLASSIFIER, result.zipFile().toFile());
        project.setContextValue(REQUEST_KEY, new Packaging(request, engineOptions));
    }
}
