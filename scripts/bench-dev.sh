#!/bin/bash
# bench-dev.sh [KERNEL (deb612)] [REPS (5)]: `make bench-dev`, the device
# benchmark: boots KERNEL in QEMU with tests/vm/guest/bench-dev.sh (stock
# zram lz4, tzram lz4 with its SIMD variant and with scalar forced, the
# 2048 corpus pages written and read back, round-robin) and prints the
# table; "vs zram" is the median over reps of the paired speed ratio.
# Not part of `make check` (timings, not verdicts).
# Under TCG absolute speeds are meaningless (and SIMD is emulated at a
# higher cost than scalar code): read the ratios, scalar row first.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
kernel=${1:-deb612}
reps=${2:-5}
# The repetition count travels as a file (/data/bench-reps in the guest).
mkdir -p "$top/build"
echo "$reps" >"$top/build/bench-dev-reps"
VM_EXTRA="${VM_EXTRA:-} $top/build/bench-dev-reps:/data/bench-reps" \
	"$top/tests/vm/run.sh" --timeout 900 --label bench-dev "$kernel" bench-dev || exit 1
log=$top/build/vm/$kernel-bench-dev/console.log
grep -a '^BENCH-DEV:' "$log" | sed 's/\r$//' | awk -v auto="$(grep -a -o 'auto variant [a-z0-9]*' "$log" | head -1 | cut -d' ' -f3)" '
	/kernel/ { sub(/^BENCH-DEV: /, ""); print "# " $0; next }
	{
		name = $2 == "zram" ? "stock zram, lz4" : $2 == "tzram_auto" ? "tzram, lz4, " auto : "tzram, lz4, scalar forced"
		rows[++n] = sprintf("| %s | %.1f | %.1f | %.2fx | %.2fx | %.3f | %.3f |",
			name, $4, $6, $12, $14, $8, $10)
	}
	END {
		print "| device | write MB/s | read MB/s | write vs zram | read vs zram | orig/compr | orig/mem_used |"
		print "|---|---:|---:|---:|---:|---:|---:|"
		for (i = 1; i <= n; i++) print rows[i]
	}'
echo "(QEMU TCG: absolute MB/s are not the hardware's; log $log)"
