#!/usr/bin/env bash
# Issue 6's FIFO figures: the io_stream CNNs KERAS_conv2d_model and jetTagger_Conv2D_Small_NoBatchNorm through the
# FIFO depth optimization flow (profiling at 100,000, max + 1, verifying co-simulation), with the whole-design yosys
# estimate before and after: initial and optimized depth of every FIFO, BRAM18 and LUTRAM before -> after, wall time.
# Usage: bench/cnn_fifo_bench.sh   (env: SKIP_INSTALL=1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
out="$root/bench/out/cnn_fifo"
plugin="org.hls4ml:hls4ml-maven-plugin:0.1.0-SNAPSHOT"
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    (cd "$root" && mvn -q -B install -DskipTests -Dinvoker.skip=true)
fi
mkdir -p "$out"
cat > "$out/hls4ml_config.yml" <<'YML'
Backend: Vivado
IOType: io_stream
ProjectName: myproject
Flows: [vivado:fifo_depth_optimization]
HLSConfig:
  Model:
    Precision: ap_fixed<16,6>
    ReuseFactor: 1
    Strategy: Latency
YML
for spec in KERAS_conv2d_model:conv2d_8x8x1_normal_n2000:n2000 \
            jetTagger_Conv2D_Small_NoBatchNorm:jettagger_25x25x1_normal_n200:n200; do
    IFS=: read -r model inputs n <<< "$spec"
    dir="$out/$model"
    rm -rf "$dir"
    args=(-q -B -f "$root/examples/jet-tagger-cnn" -Dhls4ml.config="$out/hls4ml_config.yml"
          -Dhls4ml.outputDirectory="$dir" -Dhls4ml.model="$shared/models/keras/$model.json"
          -Dhls4ml.weights="$shared/models/keras/${model}_weights.h5"
          -Dhls4ml.inputData="$shared/reference/inputs/$inputs.dat"
          -Dhls4ml.outputPredictions="$shared/reference/float/${model}_floatref_normal_$n.dat"
          -Dhls4ml.resourceEstimate=true)
    mvn "${args[@]}" compile
    t0=$(date +%s.%N); mvn "${args[@]}" "$plugin:cosim"; t1=$(date +%s.%N)
    python3 - "$dir/myproject/fifo_depths.json" "$model" "$t0" "$t1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fifos = {k: v for k, v in d.items() if isinstance(v, dict) and "initial" in v}
print("%s (%.0f s): %s" % (sys.argv[2], float(sys.argv[4]) - float(sys.argv[3]),
      ", ".join("%s %d->%d" % (k, v["initial"], v["optimized"]) for k, v in fifos.items())))
r = d.get("resources")
if r:
    b, a = r["before"], r["after"]
    print("  %s: BRAM18 %d -> %d (BRAM36 %d -> %d), LUTRAM %d -> %d, LUT %d -> %d, FF %d -> %d" % (r["scope"],
          b["bram18"], a["bram18"], b["bram36"], a["bram36"], b["lutram"], a["lutram"], b["lut"], a["lut"], b["ff"], a["ff"]))
PY
    cmp -s "$dir/myproject/tb_data/rtl_cosim_results.log" "$dir/myproject/tb_data/csim_results.log" \
        || { echo "$model: rtl_cosim_results.log differs from csim" >&2; exit 1; }
done
echo "both CNNs: the resized design co-simulates equal to csim"
