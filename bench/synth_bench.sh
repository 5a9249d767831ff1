#!/usr/bin/env bash
# Issue 3's synthesis check and figures: KERAS_3layer (io_stream, ap_fixed<16,6>) as Latency RF 1, Latency RF 4 and
# Resource RF 4, each generated, C-simulated and co-simulated on 10,000 jets with the yosys resource estimate on
# (synth_xilinx -family xc7 per layer module, plus the top with the layers as black boxes): wall time of the cosim goal
# (Verilator build + run + cold yosys), then again with everything cached, and the estimated totals.
# Usage: bench/synth_bench.sh   (env: SKIP_INSTALL=1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/common.sh"
out="$root/bench/out/synth"
plugin="org.hls4ml:hls4ml-maven-plugin:0.1.0-SNAPSHOT"
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    (cd "$root" && mvn -q -B install -DskipTests -Dinvoker.skip=true)
fi
without_flows "$root/examples/jet-tagger/src/main/hls4ml/hls4ml_config.yml" "$out/hls4ml_config.yml"
printf '%-14s %10s %10s %8s %8s %7s %5s %s\n' config cold_s cached_s LUT FF BRAM18 DSP latency/interval
for cfg in Latency:1 Latency:4 Resource:4; do
    strategy=${cfg%%:*}; rf=${cfg##*:}
    dir="$out/${strategy}_rf$rf"
    rm -rf "$dir"
    args=(-q -B -f "$root/examples/jet-tagger" -Dhls4ml.config="$out/hls4ml_config.yml"
          -Dhls4ml.outputDirectory="$dir" -Dhls4ml.strategy="$strategy" -Dhls4ml.reuseFactor="$rf"
          -Dhls4ml.resourceEstimate=true)
    mvn "${args[@]}" compile
    t0=$(date +%s.%N); mvn "${args[@]}" "$plugin:cosim"; t1=$(date +%s.%N)
    mvn "${args[@]}" "$plugin:cosim"; t2=$(date +%s.%N)
    python3 - "$dir/myproject" "$cfg" "$t0" "$t1" "$t2" <<'PY'
import json, sys
prj, cfg, t0, t1, t2 = sys.argv[1], sys.argv[2], *map(float, sys.argv[3:])
res = json.load(open(prj + "/reports/resources.json"))["total"]
cos = json.load(open(prj + "/reports/cosim.json"))
print("%-14s %10.1f %10.1f %8d %8d %7d %5d %d/%s" % (cfg, t1 - t0, t2 - t1, res["lut"], res["ff"],
      res.get("bram18", 0) + 2 * res.get("bram36", 0), res["dsp"], cos["latency_cycles"], cos["interval_cycles"]))
PY
    cmp -s "$dir/myproject/tb_data/rtl_cosim_results.log" "$dir/myproject/tb_data/csim_results.log" \
        || { echo "$cfg: rtl_cosim_results.log differs from csim" >&2; exit 1; }
done
echo "every configuration: rtl_cosim_results.log identical to csim; yosys synth_xilinx without errors"
