#!/usr/bin/env bash
# Benchmark of the FIFO depth optimization flow on KERAS_3layer (io_stream, ap_fixed<16,6>, Latency RF 1, 10,000
# jets): wall time of `hls4ml:cosim` with Flows [vivado:fifo_depth_optimization] and profiling_fifo_depth 100,000,
# i.e. the profiling co-simulation (clean Verilator build + run), the resize, and the verifying co-simulation (clean
# build + run), Maven start-up included. Generation and csim are done before the timer starts.
# Usage: bench/fifo_opt_bench.sh   (env: RUNS=3, SKIP_INSTALL=1)
# Peer figure: hls4ml runs Vivado/Vitis HLS synthesis and a vendor co-simulation of the design inflated to 100,000-deep
# FIFOs, which takes hours for this kind of model.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out/fifo_opt"
runs="${RUNS:-3}"
plugin="org.hls4ml:hls4ml-maven-plugin:0.1.0-SNAPSHOT"
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    (cd "$root" && mvn -q -B install -DskipTests -Dinvoker.skip=true)
fi
args=(-q -B -f "$root/examples/jet-tagger" -Dhls4ml.ioType=io_stream -Dhls4ml.outputDirectory="$out"
      -Dhls4ml.flows=vivado:fifo_depth_optimization
      -Dhls4ml.passConfig=vivado:fifo_depth_optimization.profiling_fifo_depth=100000
      -Dhls4ml.outputPredictions="$root/../shared/reference/hls4ml/hls4ml_KERAS_3layer_io_stream_jet16_normal_n10000.dat")
prj="$out/myproject"
printf '%-4s %10s %s\n' run "flow_s" "optimized depths"
for ((r = 1; r <= runs; r++)); do
    rm -rf "$out"
    mvn "${args[@]}" compile
    t0=$(date +%s.%N)
    mvn "${args[@]}" "$plugin:cosim"
    t1=$(date +%s.%N)
    depths=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
print(" ".join("%s:%d->%d" % (k, v["initial"], v["optimized"]) for k, v in d.items() if isinstance(v, dict) and "optimized" in v and "initial" in v))' "$prj/fifo_depths.json")
    printf '%-4s %10.1f %s\n' "$r" "$(echo "$t1 - $t0" | bc -l)" "$depths"
done
t0=$(date +%s.%N)
mvn "${args[@]}" "$plugin:cosim"
t1=$(date +%s.%N)
printf 'second run (up to date): %.1f s\n' "$(echo "$t1 - $t0" | bc -l)"
cmp -s "$prj/tb_data/rtl_cosim_results.log" "$prj/tb_data/csim_results.log" && echo "rtl_cosim_results.log identical to csim"
