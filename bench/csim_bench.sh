#!/usr/bin/env bash
# Benchmark of the C simulation of KERAS_3layer (and any other example model):
#   - g++ build time of the generated project, clean, with the same commands and flags hls4ml:csim uses
#     (the two translation units compiled in parallel, then linked);
#   - time per sample of the test bench over the 10,000 jets (whole run: parsing, inference, exact printing).
# Usage: bench/csim_bench.sh [io_parallel|io_stream ...]   (env: RUNS=5, SKIP_INSTALL=1, MODEL_POM=examples/jet-tagger)
# Peer figures on this kind of machine (hls4ml): KERAS_3layer build 4.9 s (io_parallel) / 6.0 s (io_stream), 54 us per
# sample; jetTagger_Conv2D_Small_NoBatchNorm (MODEL_POM=examples/jet-tagger-cnn) 7.7 s build, 138 us per sample.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/bench/common.sh"
out="$root/bench/out"
runs="${RUNS:-5}"
pom="${MODEL_POM:-examples/jet-tagger}"
ios=("$@")
[ ${#ios[@]} -gt 0 ] || ios=(io_parallel io_stream)

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    (cd "$root" && mvn -q -B install -DskipTests -Dinvoker.skip=true)
fi

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# the example's configuration without its Flows (the FIFO depth optimization refuses io_parallel)
without_flows "$root/$pom/src/main/hls4ml/hls4ml_config.yml" "$out/hls4ml_config.yml"

flags=(-O2 -std=c++14 -Wno-unknown-pragmas -I. -Ifirmware -Ifirmware/ap_types)
printf '%-12s %10s %10s %12s %12s\n' "io" "build_min" "build_med" "us/sample" "us/sample_med"
for io in "${ios[@]}"; do
    (cd "$root" && mvn -q -B -f "$pom" generate-sources -Dhls4ml.ioType="$io" -Dhls4ml.config="$out/hls4ml_config.yml" -Dhls4ml.outputDirectory="$out/$io")
    prj="$out/$io/myproject"
    cd "$prj"
    n=$(grep -c . tb_data/tb_input_features.dat)
    builds=()
    for ((r = 0; r < runs; r++)); do
        rm -rf "$out/$io/obj" && mkdir -p "$out/$io/obj"
        t0=$(now)
        g++ "${flags[@]}" -c firmware/myproject.cpp -o "$out/$io/obj/fw.o" &
        g++ "${flags[@]}" -c myproject_test.cpp -o "$out/$io/obj/tb.o" &
        wait
        g++ "$out/$io/obj/fw.o" "$out/$io/obj/tb.o" -o "$out/$io/obj/csim"
        t1=$(now)
        builds+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
    done
    samples=()
    for ((r = 0; r < runs; r++)); do
        t0=$(now)
        "$out/$io/obj/csim" tb_data/tb_input_features.dat "$out/$io/obj/results.log" >/dev/null
        t1=$(now)
        samples+=("$(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {print (b - a) * 1000000 / n}')")
    done
    # the predictions are hls4ml's own csim outputs where ../shared has them (KERAS_3layer), else a float reference
    cmp -s "$out/$io/obj/results.log" tb_data/tb_output_predictions.dat && same="identical to the predictions" \
        || same="differ from the predictions (a float reference, or not bit-exact)"
    bmin=$(printf '%s\n' "${builds[@]}" | sort -g | head -1)
    bmed=$(printf '%s\n' "${builds[@]}" | median)
    smin=$(printf '%s\n' "${samples[@]}" | sort -g | head -1)
    smed=$(printf '%s\n' "${samples[@]}" | median)
    printf '%-12s %9.2fs %9.2fs %12.2f %12.2f   (%d samples, outputs %s)\n' "$io" "$bmin" "$bmed" "$smin" "$smed" "$n" "$same"
    cd "$root"
done
