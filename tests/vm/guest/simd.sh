# simd: tzram runs the best codec variant this CPU offers (neon on arm64
# -cpu max, avx2 on x86-64 TCG: QEMU emulates no AVX-512) and says so in
# simd_variant and its load banner; data written under each supported
# variant (scalar and the SIMD one) reads back byte-exact under each, with
# lz4 and zstd; a variant this CPU lacks and an unknown name are refused.
. /tests/lib.sh

P=/sys/module/tzram/parameters/simd_variant
flags=$(grep -m 1 -E '^(flags|Features)' /proc/cpuinfo)
has() { case " ${flags#*:} " in *" $1 "*) return 0 ;; esac; return 1; }
case "$(uname -m)" in
aarch64)
	want=scalar lacking=avx2
	has asimd && want=neon
	;;
x86_64)
	want=scalar lacking=neon
	has avx2 && has bmi2 && want=avx2
	has avx2 && has bmi2 && has avx512f && has avx512bw && has avx512vl && want=avx512
	;;
*) fail "unexpected machine $(uname -m)" ;;
esac
echo "cpu: $(uname -m), expecting variant $want"

modprobe tzram num_devices=1 || fail "modprobe tzram"
expect_eq "active variant" "$(cat $P)" "$want"
dmesg_has "tzram: codec variant: $want" || fail "no 'codec variant: $want' banner"
ok "banner names $want"
expect_fail "variant this CPU lacks ($lacking)" sh -c "echo $lacking >$P"
expect_fail "unknown variant" sh -c "echo bogus >$P"
expect_eq "variant after refusals" "$(cat $P)" "$want"

# 512 pages: the corpus's first, else text-like synthetic ones (one random).
if [ -s /data/corpus.bin ]; then
	head -c $((512 * 4096)) /data/corpus.bin >/tmp/data
else
	awk 'BEGIN { srand(5); for (i = 0; i < 512 * 64; i++)
		printf "%-15s %-15s %-15s %-15d\n", "jumps over", "the lazy", "dog", int(rand() * 1e6) }' |
		head -c $((512 * 4096)) >/tmp/data
	dd if=/dev/urandom of=/tmp/data bs=4096 seek=9 count=1 conv=notrunc 2>/dev/null
fi
D=/sys/block/tzram0
for alg in lz4 zstd; do
	for wv in scalar $want; do
		echo 1 >$D/reset || fail "reset"
		echo $alg >$D/comp_algorithm || fail "comp_algorithm $alg"
		echo 8M >$D/disksize || fail "disksize"
		echo $wv >$P || fail "simd_variant=$wv"
		dd if=/tmp/data of=/dev/tzram0 bs=64K oflag=direct 2>/dev/null || fail "$alg/$wv: write"
		set -- $(cat $D/mm_stat)
		[ "$2" -gt 0 ] && [ "$2" -lt "$1" ] || fail "$alg/$wv: mm_stat '$*' shows no compression"
		for rv in scalar $want; do
			echo $rv >$P || fail "simd_variant=$rv"
			dd if=/dev/tzram0 of=/tmp/back bs=64K count=32 iflag=direct 2>/dev/null || fail "$alg: read under $rv"
			cmp /tmp/data /tmp/back || fail "$alg: written under $wv, read under $rv: data differs"
		done
		ok "$alg: written under $wv ($2 of $1 bytes), read back under scalar and $want"
	done
done
expect_no_io_errors $D
echo auto >$P || fail "simd_variant=auto"
expect_eq "variant after auto" "$(cat $P)" "$want"
echo 1 >$D/reset
rmmod tzram || fail "rmmod"
