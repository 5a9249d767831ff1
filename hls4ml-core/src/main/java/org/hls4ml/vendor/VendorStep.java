package org.hls4ml.vendor;

import java.nio.file.Path;

/**
 * One run of the generated {@code build_prj.tcl} by the vendor tool: one process, one log
 * ({@code <project>/build/vendor/<id>.log}), the options that select it.
 */
public enum VendorStep {
    /** C simulation: {@code csim_design}; the test bench writes {@code tb_data/csim_results.log}. */
    CSIM("csim", true, false, false, false, false, false),
    /** C synthesis: {@code csynth_design}; writes {@code <project>_prj/solution1/syn/report/<project>_csynth.xml}. */
    SYNTH("synth", false, true, false, false, false, false),
    /**
     * C/RTL co-simulation of the synthesized design, then build_prj.tcl's validation (csim and cosim results must be
     * identical); the test bench writes {@code tb_data/rtl_cosim_results.log}.
     */
    COSIM("cosim", false, false, true, true, false, false),
    /**
     * The co-simulation with FIFO profiling ({@code fifo_opt=1}): Vivado HLS records every FIFO's occupancy in
     * {@code sim/verilog/fifo_opt.vcd}, Vitis HLS writes its channel profile ({@code -enable_fifo_sizing}).
     */
    FIFO_PROFILE("fifo_profile", false, false, true, true, false, true),
    /** IP packaging: {@code export_design -format ip_catalog}, into {@code <project>_prj/solution1/impl}. */
    EXPORT("export", false, false, false, false, true, false);

    private final String id;
    private final boolean csim;
    private final boolean synth;
    private final boolean cosim;
    private final boolean validation;
    private final boolean export;
    private final boolean fifoOpt;

    VendorStep(String id, boolean csim, boolean synth, boolean cosim, boolean validation, boolean export,
               boolean fifoOpt) {
        this.id = id;
        this.csim = csim;
        this.synth = synth;
        this.cosim = cosim;
        this.validation = validation;
        this.export = export;
        this.fifoOpt = fifoOpt;
    }

    /** The step's name in logs and file names: csim, synth, cosim, fifo_profile, export. */
    public String id() {
        return id;
    }

    /**
     * The one argument word {@code build_prj.tcl} reads, every option spelled out (the script's defaults run csim,
     * synth, cosim and validation at once): {@code "reset=0 csim=1 synth=0 cosim=0 validation=0 export=0 vsynth=0
     * fifo_opt=0"}.
     */
    public String options() {
        return "reset=0 csim=" + bit(csim) + " synth=" + bit(synth) + " cosim=" + bit(cosim) + " validation="
                + bit(validation) + " export=" + bit(export) + " vsynth=0 fifo_opt=" + bit(fifoOpt);
    }

    /** {@code <project>/build/vendor/<id>.log}. */
    public Path logFile(Path projectDir) {
        return projectDir.resolve("build").resolve("vendor").resolve(id + ".log");
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
