package org.hls4ml.cosim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.hls4ml.tools.ProcessRunner;

/**
 * What {@link Cosimulator#cosim} did.
 *
 * @param built          false when the Verilator model was up to date and reused
 * @param ran            false when the results were up to date (same model, same inputs)
 * @param binary         {@code build/cosim/obj/V<top>}
 * @param resultsFile    {@code tb_data/rtl_cosim_results.log}
 * @param reportFile     {@code reports/cosim.json}
 * @param report         the test bench's cycle counts and FIFO statistics
 * @param buildTime      Verilator build wall time (zero when not built)
 * @param runTime        simulation wall time (zero when not run)
 * @param simulationTime wall time of the run that produced the results (this one or, when up to date, the last one)
 * @param comparison     how the results compare with csim: "3 samples x 4 outputs, rtl_cosim vs csim: exact match"
 */
public record CosimResult(boolean built, boolean ran, Path binary, Path resultsFile, Path reportFile,
                          CosimReport report, Duration buildTime, Duration runTime, Duration simulationTime,
                          String comparison) {

    /** Simulated clock cycles per wall-clock second, or 0 when unknown. */
    public double cyclesPerSecond() {
        double s = simulationTime.toNanos() / 1e9;
        return s <= 0 ? 0 : report.cyclesTotal() / s;
    }

    /** "built in 11.2 s, simulated 3 samples in 12 ms" / "up to date". */
    public String summary() {
        if (!built && !ran) {
            return "up to date (" + report.samples() + " samples in " + resultsFile + ")";
        }
        String b = built ? "built in " + ProcessRunner.formatDuration(buildTime) : "Verilator model up to date";
        String r = ran ? "simulated " + report.samples() + " samples in " + ProcessRunner.formatDuration(runTime)
                : "results up to date";
        return b + ", " + r;
    }

    /** A short table for the build log: cycles, speed, then one line per FIFO. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-22s %d cycles%n", "latency", report.latencyCycles()));
        b.append(String.format(Locale.ROOT, "  %-22s %s cycles%n", "interval", fmt(report.intervalCycles())));
        b.append(String.format(Locale.ROOT, "  %-22s %d cycles for %d samples%n", "total", report.cyclesTotal(),
                report.samples()));
        double cps = cyclesPerSecond();
        b.append(String.format(Locale.ROOT, "  %-22s %s%n", "simulation speed",
                cps > 0 ? String.format(Locale.ROOT, "%.0f cycles/s", cps) : "n/a"));
        if (!report.fifos().isEmpty()) {
            b.append(String.format(Locale.ROOT, "  %-22s %7s %14s %12s%n", "FIFO", "depth", "max occupancy",
                    "full cycles"));
            for (Map.Entry<String, CosimReport.FifoStats> e : report.fifos().entrySet()) {
                CosimReport.FifoStats f = e.getValue();
                b.append(String.format(Locale.ROOT, "  %-22s %7d %14d %12d%n", e.getKey(), f.depth(),
                        f.maxOccupancy(), f.fullCycles()));
            }
        }
        return b.toString().stripTrailing();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
