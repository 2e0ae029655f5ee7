#!/bin/bash
# fuzz-long.sh FUZZER SEEDS RUNS JOBS WORKDIR: the long run of one libFuzzer
# target (make fuzz-long). JOBS workers start from a copy of SEEDS in one
# shared corpus (WORKDIR/corpus), each for RUNS/JOBS executions; then the
# executions are summed from their final stats and the findings (crash-,
# leak-, timeout-, oom- artifacts in WORKDIR) counted. Prints one line:
#   fuzz-long NAME: E executions (J workers, S s), F findings
# and exits 1 if F > 0 or a worker failed otherwise.
set -uo pipefail
fuzzer=$1 seeds=$2 runs=$3 jobs=$4 work=$5
name=$(basename "$fuzzer")
[ -x "$fuzzer" ] || { echo "fuzz-long: $fuzzer not built" >&2; exit 2; }
[ -d "$seeds" ] || { echo "fuzz-long: no seeds $seeds" >&2; exit 2; }
# Inputs as large as each format needs (a batch of ZSTD frames up to 128 KiB).
case "$name" in
fuzz_lz4_*) max_len=70000 ;;
fuzz_gpu_reply | fuzz_helper_batch) max_len=70000 ;;
*) max_len=140000 ;;
esac
mkdir -p "$work/corpus" "$work/logs"
rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$work"/logs/*
cp -n "$seeds"/* "$work/corpus/" 2>/dev/null
per=$(( (runs + jobs - 1) / jobs ))
t0=$(date +%s)
pids=()
for i in $(seq 1 "$jobs"); do
	"$fuzzer" -runs="$per" -max_len="$max_len" -print_final_stats=1 \
		-artifact_prefix="$work/" "$work/corpus" >"$work/logs/worker-$i.log" 2>&1 &
	pids+=($!)
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
execs=$(cat "$work"/logs/worker-*.log | sed -n 's/^stat::number_of_executed_units: *//p' |
	awk '{ n += $1 } END { print n + 0 }')
findings=$(find "$work" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
	-o -name 'oom-*' \) | wc -l)
echo "fuzz-long $name: $execs executions ($jobs workers, $(($(date +%s) - t0)) s), $findings findings"
if [ "$findings" -gt 0 ] || [ "$bad" -gt 0 ]; then
	echo "fuzz-long $name: $bad workers failed; artifacts and logs in $work" >&2
	exit 1
fi
