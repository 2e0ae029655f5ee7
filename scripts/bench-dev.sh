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
# The repetition count travels as a file (/data/bench-reps in the guest),
# and so does the mTHP swap part's pages: the whole corpus (all four
# workloads; BENCH_SWAP_STRIDE=N: every Nth 16-page chunk of it). A small
# sample understates what units save: each size class zsmalloc uses for
# the units' last objects then holds few of them in a part-empty zspage.
mkdir -p "$top/build"
echo "$reps" >"$top/build/bench-dev-reps"
corpus=${TZ_CORPUS:-${CORPUS:-$top/../shared/corpus/public-pages.bin.zst}}
stride=${BENCH_SWAP_STRIDE:-1}
mix=$top/build/bench-dev-corpus-mix-$stride.bin
extra="$top/build/bench-dev-reps:/data/bench-reps"
if [ -r "$corpus" ]; then
	if [ ! -s "$mix" ] || [ "$corpus" -nt "$mix" ]; then
		zstd -dc "$corpus" >"$mix.all" || exit 1
		rm -f "$mix.tmp"
		for i in $(seq 0 $(($(stat -c %s "$mix.all") / 65536 / stride - 1))); do
			dd if="$mix.all" of="$mix.tmp" bs=64K skip=$((i * stride)) seek=$i count=1 \
				conv=notrunc status=none || exit 1
		done
		rm -f "$mix.all"
		mv "$mix.tmp" "$mix"
	fi
	extra="$extra $mix:/data/corpus-mix.bin"
fi
VM_EXTRA="${VM_EXTRA:-} $extra" \
	"$top/tests/vm/run.sh" --timeout 1200 --label bench-dev "$kernel" bench-dev || exit 1
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
# The mTHP swap part: mm_stat after MADV_PAGEOUT of the same 64 KiB folios.
grep -a '^BENCH-SWAP:' "$log" | sed 's/\r$//' | awk '
	/none/ { sub(/^BENCH-SWAP: /, ""); print "\nmTHP swap: " $0; exit }
	{
		dev = $2; alg = $3; u = $4; n = $5
		o = $7; c = $8; m = $9; same = $12; huge = $14
		if (dev == "zram0") { zm[alg] = m; zc[alg] = c }
		rows[++k] = sprintf("| %s | %s | %s | %d | %d | %d | %d | %d | %d | %.3f | %+.1f %% |",
			alg, dev == "zram0" ? "stock zram" : "tzram", dev == "zram0" ? "-" : u, n,
			o, c, m, same, huge, c ? o / c : 0, zm[alg] ? 100 * (m - zm[alg]) / zm[alg] : 0)
	}
	END {
		if (!k) exit
		print "\nmTHP 64 KiB swap: mm_stat after MADV_PAGEOUT of the same pages (thpfill, every byte verified)"
		print "| alg | device | unit_max_pages | 64 KiB folios out | orig_data_size | compr_data_size | mem_used_total | same | huge | orig/compr | mem_used vs zram |"
		print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
		for (i = 1; i <= k; i++) print rows[i]
	}'
exit 0
