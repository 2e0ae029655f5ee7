# bench-dev: device benchmark, stock zram against tzram in the same kernel,
# same algorithm class (lz4): the 2048 corpus pages of /data/corpus.bin
# written to a fresh device with O_DIRECT (64 KiB requests, /progs/bench_io), then read back, REPS times each
# (/data/bench-reps, default 5; median). tzram runs twice: with the variant
# it picks (SIMD) and with simd_variant=scalar forced. Prints "BENCH-DEV:" lines that
# scripts/bench-dev.sh turns into a table.
#
# Under QEMU TCG absolute speeds mean nothing and SIMD is emulated at a
# higher cost than scalar code: only the ratios between rows are a (rough)
# signal, and the scalar row is the fairer one against the kernel's lz4.
#
# Fairness: on 6.1 stock zram takes "lz4" from the crypto API, where tzram
# would register its own at priority 300; so tzram is loaded with crypto=0
# (checked in /proc/crypto) and zram's lz4 is the kernel's, as in dev-vs-zram.
. /tests/lib.sh

[ -s /data/corpus.bin ] || fail "corpus absent: /data/corpus.bin (a benchmark without data measures nothing)"
reps=$(cat /data/bench-reps 2>/dev/null || echo 5)
size=16M
bytes=$(wc -c </data/corpus.bin)
pages=$((bytes / 4096))

modprobe zram num_devices=1 || fail "modprobe zram (stock)"
modprobe tzram crypto=0 || fail "modprobe tzram crypto=0"
grep -q tzram /proc/crypto && fail "tzram registered crypto algorithms despite crypto=0"
ok "tzram loaded without crypto API algorithms: zram's lz4 is the kernel's"
P=/sys/module/tzram/parameters/simd_variant
auto=$(cat $P)

# init SYSDIR: a fresh lz4 device of $size.
init() {
	echo 1 >"$1/reset" || fail "$1 reset"
	echo lz4 >"$1/comp_algorithm" || fail "$1 lz4"
	echo $size >"$1/disksize" || fail "$1 disksize"
}

median() {
	tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# one LABEL DEV VARIANT: a fresh device, write + read back (/progs/bench_io
# checks the bytes); appends the seconds to W_LABEL / R_LABEL.
one() {
	local sys=/sys/block/$2 out
	[ -n "$3" ] && { echo "$3" >$P || fail "simd_variant=$3"; }
	init "$sys"
	out=$(/progs/bench_io /data/corpus.bin /dev/"$2") || fail "$1: bench_io"
	set -- "$1" $out
	eval "W_$1=\"\${W_$1:-} $3\"; R_$1=\"\${R_$1:-} $5\""
}

# report LABEL DEV: one BENCH-DEV line (medians; paired per-rep speed-up
# against zram, which is robust to the host's load changing between reps).
report() {
	local mm w r ws rs su_w="" su_r="" i zw zr
	eval "ws=\$W_$1; rs=\$R_$1"
	set -- "$1" "$2" $ws
	for i in $(seq "$reps"); do
		zw=$(echo $W_zram | cut -d' ' -f"$i"); zr=$(echo $R_zram | cut -d' ' -f"$i")
		su_w="$su_w $(awk -v a="$zw" -v b="$(echo $ws | cut -d' ' -f"$i")" 'BEGIN { print a / b }')"
		su_r="$su_r $(awk -v a="$zr" -v b="$(echo $rs | cut -d' ' -f"$i")" 'BEGIN { print a / b }')"
	done
	mm=$(cat /sys/block/"$2"/mm_stat)
	w=$(echo "$ws" | median)
	r=$(echo "$rs" | median)
	set -- "$1" $mm
	awk -v l="$1" -v b="$bytes" -v w="$w" -v r="$r" -v o="$2" -v c="$3" -v m="$4" \
		-v sw="$(echo "$su_w" | median)" -v sr="$(echo "$su_r" | median)" \
		-v ws="$ws" -v rs="$rs" 'BEGIN {
		printf "BENCH-DEV: %s write_MBps %.1f read_MBps %.1f ratio %.3f mem_ratio %.3f vs_zram_w %.2f vs_zram_r %.2f (write s:%s; read s:%s)\n",
			l, b / w / 1e6, b / r / 1e6, o / c, o / m, sw, sr, ws, rs }'
	echo "$1 mm_stat: $mm"
}

echo "BENCH-DEV: kernel $(uname -r), $pages pages, $reps reps (median), tzram auto variant $auto"
# Round-robin: every rep runs all three, so a change in the host's load
# hits each configuration alike.
for i in $(seq "$reps"); do
	one zram zram0 ""
	one tzram_auto tzram0 auto
	one tzram_scalar tzram0 scalar
done
ok "$((3 * reps)) runs of $pages pages, every one read back intact"
report zram zram0
echo auto >$P
report tzram_auto tzram0
echo scalar >$P
expect_eq "simd_variant" "$(cat $P)" scalar
report tzram_scalar tzram0

# ---- mTHP 64 KiB swap: the same pages swapped out to each device ----
# /progs/thpfill maps the corpus pages staged by scripts/bench-dev.sh
# (/data/corpus-mix.bin: the whole corpus, or every Nth 16-page chunk) in
# 64 KiB folios, pages it all out with MADV_PAGEOUT (no memory pressure
# needed, so every run swaps out the same folios the same way), prints the
# device's mm_stat, then verifies every byte as it comes back. Stock zram
# and tzram with unit_max_pages 1 (zram's behaviour), 4, 8 and 16, for lz4
# and zstd; "BENCH-SWAP:" lines for scripts/bench-dev.sh's second table.
T=/sys/kernel/mm/transparent_hugepage
if [ -d $T/hugepages-64kB ] && [ -s /data/corpus-mix.bin ]; then
	echo always >$T/hugepages-64kB/enabled || fail "mTHP 64 KiB"
	for d in $T/hugepages-*; do
		[ "$d" = $T/hugepages-64kB ] || echo never >"$d/enabled" 2>/dev/null || true
	done
	mb=$(($(wc -c </data/corpus-mix.bin) >> 20))
	# swapdev DEV ALG [UNIT_MAX_PAGES]
	swapdev() {
		local sys=/sys/block/$1 out0 mm n
		echo 1 >$sys/reset || fail "$1 reset"
		[ -z "$3" ] || echo "$3" >$sys/unit_max_pages || fail "$1 unit_max_pages $3"
		echo "$2" >$sys/comp_algorithm || fail "$1 $2"
		echo $((mb * 2))M >$sys/disksize || fail "$1 disksize"
		mkswap /dev/"$1" >/dev/null && swapon /dev/"$1" || fail "$1 swapon"
		out0=$(cat $T/hugepages-64kB/stats/swpout)
		/progs/thpfill --corpus /data/corpus-mix.bin --pageout --stat $sys/mm_stat $mb 1 \
			>/tmp/thp.out || { cat /tmp/thp.out; fail "$1 $2: thpfill"; }
		n=$(($(cat $T/hugepages-64kB/stats/swpout) - out0))
		mm=$(sed -n 's/^thpfill: paged-out .*mm_stat: *//p' /tmp/thp.out)
		swapoff /dev/"$1" || fail "$1 swapoff"
		echo "BENCH-SWAP: $1 $2 ${3:-1} $n mm $mm"
	}
	for alg in lz4 zstd; do
		swapdev zram0 $alg
		for u in 1 4 8 16; do
			swapdev tzram0 $alg $u
		done
	done
	ok "mTHP swap: $mb MiB paged out and verified on every device"
else
	echo "BENCH-SWAP: none (no mTHP on $(uname -r), or no /data/corpus-mix.bin)"
fi

echo 1 >/sys/block/tzram0/reset
echo 1 >/sys/block/zram0/reset
rmmod tzram || fail "rmmod tzram"
rmmod zram || fail "rmmod zram"
ok "device benchmark done"
