#!/usr/bin/env bash
# Benchmark of the RTL co-simulation of KERAS_3layer (io_stream) under Verilator: time of a clean build plus the
# run of 10,000 samples through `hls4ml:cosim`, and simulated cycles per second (from reports/cosim.json).
# Usage: bench/cosim_bench.sh   (env: RUNS=3, SKIP_INSTALL=1)
# Peer figure: a vendor cosim of the same design takes minutes to hours; the issue's aim is the whole cosim under 30 s.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/common.sh"
out="$root/bench/out/cosim"
runs="${RUNS:-3}"
plugin="org.hls4ml:hls4ml-maven-plugin:0.1.0-SNAPSHOT"
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    (cd "$root" && mvn -q -B install -DskipTests -Dinvoker.skip=true)
fi
# the example's configuration without its Flows (the FIFO depth optimization has its own benchmark)
without_flows "$root/examples/jet-tagger/src/main/hls4ml/hls4ml_config.yml" "$out/hls4ml_config.yml"
args=(-q -B -f "$root/examples/jet-tagger" -Dhls4ml.ioType=io_stream -Dhls4ml.outputDirectory="$out"
      -Dhls4ml.config="$out/hls4ml_config.yml"
      -Dhls4ml.outputPredictions="$root/../shared/reference/hls4ml/hls4ml_KERAS_3layer_io_stream_jet16_normal_n10000.dat")
mvn "${args[@]}" compile
prj="$out/myproject"
printf '%-4s %12s %12s %14s %10s\n' run "cosim_s" "sim_s" "cycles/s" "samples"
for ((r = 1; r <= runs; r++)); do
    rm -rf "$prj/build/cosim"
    t0=$(date +%s.%N)
    mvn "${args[@]}" "$plugin:cosim"
    t1=$(date +%s.%N)
    python3 - "$prj/reports/cosim.json" "$t0" "$t1" "$r" <<'PY'
import json, sys
rep = json.load(open(sys.argv[1]))
print("%-4s %12.1f %12.3f %14.0f %10d" % (sys.argv[4], float(sys.argv[3]) - float(sys.argv[2]),
      rep["simulation_seconds"], rep["cycles_per_second"], rep["samples"]))
PY
done
cmp -s "$prj/tb_data/rtl_cosim_results.log" "$prj/tb_data/csim_results.log" && echo "rtl_cosim_results.log identical to csim"
