#!/bin/bash
# bench-dev.sh [KERNEL (deb612)] [REPS (5)]: `make bench-dev`, the device
# benchmark: boots KERNEL in QEMU with tests/vm/guest/bench-dev.sh (stock
# zram lz4, tzram lz4 with its SIMD variant and with scalar forced, the
# 2048 corpus pages written and read back) and prints the table with
# tzram/zram ratios. Not part of `make check` (timings, not verdicts).
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
grep -a '^BENCH-DEV:' "$log" | sed 's/\r$//' | awk '
	/kernel/ { sub(/^BENCH-DEV: /, ""); print "# " $0; next }
	{
		n++; name[n] = $2; w[n] = $4; r[n] = $6; ra[n] = $8; mr[n] = $10
		if ($2 == "zram-lz4") { zw = $4; zr = $6 }
	}
	END {
		printf "| device | write MB/s | read MB/s | write vs zram | read vs zram | orig/compr | orig/mem_used |\n"
		printf "|---|---:|---:|---:|---:|---:|---:|\n"
		for (i = 1; i <= n; i++)
			printf "| %s | %.1f | %.1f | %.2fx | %.2fx | %.3f | %.3f |\n",
				name[i], w[i], r[i], w[i] / zw, r[i] / zr, ra[i], mr[i]
	}'
echo "(QEMU TCG: absolute MB/s are not the hardware's; log $log)"
