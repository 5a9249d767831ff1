package org.hls4ml.maven;

/** Every {@code -D} property the goals read, in one place. */
public final class Hls4mlProperties {

    public static final String SKIP = "hls4ml.skip";
    public static final String CSIM_SKIP = "hls4ml.csim.skip";
    public static final String COSIM_SKIP = "hls4ml.cosim.skip";
    public static final String IP_SKIP = "hls4ml.ip.skip";

    public static final String MODEL = "hls4ml.model";
    public static final String WEIGHTS = "hls4ml.weights";
    public static final String CONFIG = "hls4ml.config";
    public static final String BACKEND = "hls4ml.backend";
    public static final String IO_TYPE = "hls4ml.ioType";
    public static final String PROJECT_NAME = "hls4ml.projectName";
    public static final String PART = "hls4ml.part";
    public static final String CLOCK_PERIOD = "hls4ml.clockPeriod";
    public static final String INPUT_DATA = "hls4ml.inputData";
    public static final String OUTPUT_PREDICTIONS = "hls4ml.outputPredictions";
    public static final String FLOWS = "hls4ml.flows";
    public static final String PRECISION = "hls4ml.precision";
    public static final String REUSE_FACTOR = "hls4ml.reuseFactor";
    public static final String STRATEGY = "hls4ml.strategy";
    public static final String PASS_CONFIG = "hls4ml.passConfig";
    public static final String OUTPUT_DIRECTORY = "hls4ml.outputDirectory";
    public static final String DUMP_GRAPH = "hls4ml.dumpGraph";

    public static final String GRANULARITY = "hls4ml.granularity";
    public static final String CONFIG_OUTPUT = "hls4ml.configOutput";
    public static final String OVERWRITE = "hls4ml.overwrite";

    public static final String GXX = "hls4ml.gxx";
    public static final String CXX_FLAGS = "hls4ml.cxxFlags";
    public static final String VENDOR_INCLUDE_DIR = "hls4ml.vendorIncludeDir";
    public static final String CSIM_TIMEOUT = "hls4ml.csim.timeout";
    public static final String CSIM_MAX_ABS_DIFF = "hls4ml.csim.maxAbsDiff";
    public static final String CSIM_MIN_ARGMAX_AGREEMENT = "hls4ml.csim.minArgmaxAgreement";

    public static final String VERILATOR = "hls4ml.verilator";
    public static final String YOSYS = "hls4ml.yosys";
    public static final String VERILATOR_FLAGS = "hls4ml.verilatorFlags";
    public static final String COSIM_TIMEOUT = "hls4ml.cosim.timeout";
    public static final String WATCHDOG_CYCLES = "hls4ml.cosim.watchdogCycles";
    public static final String RESOURCE_ESTIMATE = "hls4ml.resourceEstimate";

    public static final String ENGINE = "hls4ml.engine";
    public static final String VENDOR_TOOL = "hls4ml.vendorTool";
    public static final String VENDOR_TIMEOUT = "hls4ml.vendor.timeout";
    public static final String IP_VENDOR = "hls4ml.ip.vendor";
    public static final String IP_LIBRARY = "hls4ml.ip.library";

    private Hls4mlProperties() {
    }
}
