package org.hls4ml.cosim;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resource estimates of a design and its layers from yosys {@code synth_xilinx} (7-series cells). An estimate: yosys
 * maps differently from Vivado, so expect the same order of magnitude, not the same figures.
 *
 * <p>The total is a sum of per-module syntheses ({@link #METHOD}): each layer module is synthesized on its own, the top
 * with the layer modules as black boxes (its FIFOs and glue logic), and the total adds the layers to the glue, each
 * layer as many times as the top instantiates it. Optimizations across module boundaries are therefore not counted.
 *
 * @param tool         the yosys version line
 * @param top          the top module's name
 * @param total        the whole design: {@code glue} plus every instance of the layers
 * @param layers       per layer module (in the order asked), flattened, all its instances in the top; a layer module
 *                     the top does not instantiate is shown as synthesized on its own and not counted in the total
 * @param glue         the top without its layers: the FIFOs between them and the glue logic
 * @param synthesized  the syntheses yosys ran this time (layer modules, and the top for the glue); empty when every
 *                     result was up to date and read back
 * @param reportFile   {@code reports/resources.json}; null for a FIFOs-and-glue estimate, which writes no report
 */
public record ResourceEstimate(String tool, String top, Resources total, Map<String, Resources> layers,
                               Resources glue, List<String> synthesized, Path reportFile) {

    /** What the resources table and the JSON say about where the numbers come from. */
    public static final String DISCLAIMER = "estimate (yosys synth_xilinx), not a Vivado figure";

    /** How the total is made, for the table and the JSON. */
    public static final String METHOD = "total = sum of per-module syntheses: each layer module on its own, plus the"
            + " top with the layers as black boxes (FIFOs and glue)";

    public ResourceEstimate {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        synthesized = List.copyOf(synthesized);
    }

    /** True for an estimate of the FIFOs and glue only ({@link ResourceRequest#glueOnly()}), which has no report. */
    public boolean fifosAndGlueOnly() {
        return reportFile == null;
    }

    /** False when the estimate was up to date and read back without running yosys. */
    public boolean ran() {
        return !synthesized.isEmpty();
    }

    /**
     * Cell counts of one synthesized module.
     *
     * @param lut         LUT1..LUT6 (and INV, which Vivado maps to a LUT1)
     * @param ff          flip-flops: FDRE, FDSE, FDCE, FDPE and the other FD* cells
     * @param bram18      RAMB18E1
     * @param bram36      RAMB36E1
     * @param dsp         DSP48E1
     * @param lutram      distributed RAM and shift registers: RAM32M, RAM64M, RAM*X*, SRL16E, SRLC32E
     * @param cellsByType every cell type yosys reported, with its count
     */
    public record Resources(long lut, long ff, long bram18, long bram36, long dsp, long lutram,
                            Map<String, Long> cellsByType) {

        public Resources {
            cellsByType = Collections.unmodifiableMap(new TreeMap<>(cellsByType));
        }

        /** Classifies yosys's cell counts. */
        public static Resources of(Map<String, Long> cells) {
            long lut = 0, ff = 0, b18 = 0, b36 = 0, dsp = 0, lutram = 0;
            for (Map.Entry<String, Long> e : cells.entrySet()) {
                String t = e.getKey();
                long n = e.getValue();
                if (t.matches("LUT[1-6]") || t.equals("INV")) {
                    lut += n;
                } else if (t.startsWith("FD")) {
                    ff += n;
                } else if (t.equals("RAMB18E1")) {
                    b18 += n;
                } else if (t.equals("RAMB36E1")) {
                    b36 += n;
                } else if (t.startsWith("DSP48")) {
                    dsp += n;
                } else if (t.matches("RAM\\d+(M|X\\d+[SD])") || t.startsWith("SRL")) {
                    lutram += n;
                }
            }
            return new Resources(lut, ff, b18, b36, dsp, lutram, cells);
        }

        /** No cells. */
        public static final Resources NONE = of(Map.of());

        /** The cells of both. */
        public Resources plus(Resources other) {
            Map<String, Long> cells = new TreeMap<>(cellsByType);
            other.cellsByType.forEach((t, n) -> cells.merge(t, n, Long::sum));
            return of(cells);
        }

        /** The cells of {@code count} copies. */
        public Resources times(long count) {
            Map<String, Long> cells = new TreeMap<>();
            cellsByType.forEach((t, n) -> cells.put(t, n * count));
            return count == 0 ? NONE : of(cells);
        }

        /** Without the cells of the given types (e.g. the black-box instances of the layers). */
        public Resources without(Collection<String> types) {
            Map<String, Long> cells = new TreeMap<>(cellsByType);
            cells.keySet().removeAll(types);
            return of(cells);
        }

        /** BRAM in 18 Kb units, as Vivado's utilization counts them (a RAMB36 is two). */
        public long bram18Equivalent() {
            return bram18 + 2 * bram36;
        }
    }

    /** The table for the build log, headed by where the numbers come from. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("  Resources: ").append(DISCLAIMER).append(", ").append(tool).append('\n');
        b.append("  (").append(METHOD).append(")\n");
        b.append(String.format(Locale.ROOT, "  %-32s %8s %8s %8s %6s %8s%n", "module", "LUT", "FF", "BRAM18", "DSP",
                "LUTRAM"));
        for (Map.Entry<String, Resources> e : layers.entrySet()) {
            b.append(row(e.getKey(), e.getValue()));
        }
        b.append(row("FIFOs and glue", glue));
        b.append(row(top + " (total)", total));
        return b.toString().stripTrailing();
    }

    private static String row(String name, Resources r) {
        return String.format(Locale.ROOT, "  %-32s %8d %8d %8d %6d %8d%n", name, r.lut(), r.ff(), r.bram18Equivalent(),
                r.dsp(), r.lutram());
    }
}
