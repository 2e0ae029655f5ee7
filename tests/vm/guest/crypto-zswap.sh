# crypto-zswap: zswap with compressor lz4 (then zstd, when built) over a
# swap device compresses through our scomp algorithms under memory
# pressure; every byte verified; zswap stored pages and our counters move;
# rmmod tzram is refused while zswap uses us, then succeeds.
. /tests/lib.sh
. /tests/crypto-lib.sh

zs=/sys/module/zswap/parameters
[ -d $zs ] || fail "kernel has no zswap"
modprobe lz4 || fail "generic lz4 crypto module"
modprobe tzram || fail "modprobe tzram"
expect_registered lz4-tzram
# Swap device: a virtio disk (run.sh --disk), so swapped pages leave RAM
# and our counters move only through zswap.
modprobe virtio_pci 2>/dev/null
modprobe virtio_blk || fail "modprobe virtio_blk"
i=0
until [ -b /dev/vda ]; do
	i=$((i + 1))
	[ $i -lt 20 ] || fail "no /dev/vda: run with --disk"
	sleep 0.2
done
mkswap /dev/vda >/dev/null || fail "mkswap"
mem=$(awk '/MemTotal/{print int($2 / 1024)}' /proc/meminfo)
# Keep zswap's pool below its limit: Debian 6.1's zswap takes a pool
# reference whenever it finds the pool full and leaks it when its shrink
# work is already queued (mm/zswap.c, `shrink:` label), which pins the
# compressor's module forever and would hide the release checked below.
echo 60 >$zs/max_pool_percent

# pressure ALGO: run memfill over more than RAM with zswap on ALGO, sample
# zswap's stored_pages meanwhile, check our ALGO counters moved. Each run
# has the swap device to itself: swapoff afterwards empties zswap (6.1's
# zswap rejects every store while leftover entries keep its pool "full").
pressure() {
	swapon /dev/vda || fail "swapon"
	echo "$1" >$zs/compressor || fail "zswap compressor $1"
	expect_eq "zswap compressor" "$(cat $zs/compressor)" "$1"
	echo Y >$zs/enabled
	c0=$(crypto_field "$1" comp_calls)
	d0=$(crypto_field "$1" decomp_calls)
	hit0=$(cat /sys/kernel/debug/zswap/pool_limit_hit)
	/progs/memfill $((mem + mem / 8)) 1 &
	pid=$!
	max=0
	while kill -0 $pid 2>/dev/null; do
		s=$(cat /sys/kernel/debug/zswap/stored_pages)
		[ "$s" -gt "$max" ] && max=$s
		sleep 0.5
	done
	wait $pid || fail "memfill found corrupted pages with zswap on $1"
	ok "memfill $((mem + mem / 8)) MiB verified with zswap on $1"
	expect_eq "zswap pool_limit_hit increase" "$(($(cat /sys/kernel/debug/zswap/pool_limit_hit) - hit0))" 0
	[ "$max" -gt 0 ] || fail "zswap stored no pages with $1"
	ok "zswap stored up to $max pages"
	c1=$(crypto_field "$1" comp_calls)
	d1=$(crypto_field "$1" decomp_calls)
	[ "$((c1 - c0))" -gt 1000 ] || fail "$1 comp_calls moved by $((c1 - c0))"
	[ "$((d1 - d0))" -gt 1000 ] || fail "$1 decomp_calls moved by $((d1 - d0))"
	ok "our $1 counters moved: $((c1 - c0)) compressions, $((d1 - d0)) decompressions"
	[ "$2" = keep ] || { echo N >$zs/enabled; swapoff /dev/vda || fail "swapoff"; }
}

pressure lz4 keep
expect_fail "rmmod tzram while zswap uses it" rmmod tzram
echo N >$zs/enabled
swapoff /dev/vda || fail "swapoff"
if grep -q '^zstd ' /sys/kernel/tzram/crypto_stat; then
	modprobe zstd 2>/dev/null
	expect_registered zstd-tzram
	pressure zstd
else
	echo "note: this tzram build has no zstd codec; zstd not tested"
fi
grep . /sys/kernel/tzram/crypto_stat

echo lzo >$zs/compressor
# zswap frees its old pools asynchronously once their last entry is gone.
i=0
until rmmod tzram 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 40 ]; then
		grep tzram /proc/modules
		grep . /sys/kernel/debug/zswap/*
		fail "rmmod tzram still refused 20 s after zswap let go"
	fi
	sleep 0.5
done
ok "rmmod tzram succeeds once zswap released it"
