# Sourced by the benchmarks.

# without_flows <config.yml> <out.yml>: the hls4ml configuration without its Flows list (the examples' FIFO depth
# optimization flow refuses io_parallel and has its own benchmark)
without_flows() {
    mkdir -p "$(dirname "$2")"
    sed '/^Flows:/,/^[^ ]/{/^Flows:/d;/^  - /d}' "$1" > "$2"
}
