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

# run LABEL DEV: reps x (fresh device, write, read back: /progs/bench_io,
# which checks the bytes); one BENCH-DEV line.
run() {
	local label=$1 dev=$2 sys=/sys/block/$2 ws="" rs="" w r i mm out
	for i in $(seq "$reps"); do
		init "$sys"
		out=$(/progs/bench_io /data/corpus.bin /dev/"$dev") || fail "$label: bench_io"
		set -- $out
		ws="$ws $2" rs="$rs $4"
	done
	mm=$(cat "$sys/mm_stat")
	set -- $mm
	w=$(echo "$ws" | median)
	r=$(echo "$rs" | median)
	awk -v l="$label" -v b="$bytes" -v w="$w" -v r="$r" -v o="$1" -v c="$2" -v m="$3" \
		-v ws="$ws" -v rs="$rs" 'BEGIN {
		printf "BENCH-DEV: %s write_MBps %.1f read_MBps %.1f ratio %.3f mem_ratio %.3f (write s:%s; read s:%s)\n",
			l, b / w / 1e6, b / r / 1e6, o / c, o / m, ws, rs }'
	echo "$label mm_stat: $mm"
	ok "$label: $pages pages x $reps, read back intact"
}

echo "BENCH-DEV: kernel $(uname -r), $pages pages, $reps reps (median), tzram auto variant $auto"
run zram-lz4 zram0
run "tzram-lz4-$auto" tzram0
echo scalar >$P || fail "force simd_variant=scalar"
expect_eq "simd_variant" "$(cat $P)" scalar
run tzram-lz4-scalar tzram0
echo 1 >/sys/block/tzram0/reset
echo 1 >/sys/block/zram0/reset
rmmod tzram || fail "rmmod tzram"
rmmod zram || fail "rmmod zram"
ok "device benchmark done"
