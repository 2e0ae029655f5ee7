# dev-zstd: zstd through the block device. Two devices get the same data,
# tzram0 with lz4 and tzram1 with zstd (chosen before disksize); both read
# back intact, zstd stores it smaller, comp_algorithm shows "[zstd]",
# and choosing an algorithm after disksize is -EBUSY, as in zram.
# Data: the staged corpus pages, else memfill-style synthetic pages.
. /tests/lib.sh

modprobe tzram num_devices=2 || fail "modprobe tzram num_devices=2"
A=/sys/block/tzram0 B=/sys/block/tzram1
# algs WHAT DEV WANT: DEV's comp_algorithm has WANT in brackets.
algs() { expect_eq "$1" "$(chosen_alg $2/comp_algorithm)" "$3"; }
echo zstd >$B/comp_algorithm || fail "select zstd"
algs "comp_algorithm" $B zstd
algs "other device keeps lz4" $A lz4
echo 32M >$A/disksize || fail "tzram0 disksize"
echo 32M >$B/disksize || fail "tzram1 disksize"
algs "comp_algorithm after disksize" $B zstd
err=$( (echo lz4 >$B/comp_algorithm) 2>&1) && fail "algorithm change after disksize accepted"
case "$err" in *"busy"*) ok "algorithm change after disksize: EBUSY ($err)" ;; *) fail "want EBUSY, got '$err'" ;; esac
err=$( (echo zstd >$A/comp_algorithm) 2>&1) && fail "zstd after disksize accepted"
case "$err" in *"busy"*) ok "zstd after disksize: EBUSY" ;; *) fail "want EBUSY, got '$err'" ;; esac
algs "tzram0 still lz4" $A lz4

if [ -s /data/corpus.bin ]; then
	cp /data/corpus.bin /tmp/data
	echo "data: corpus, $(($(wc -c </tmp/data) / 4096)) pages"
else
	# 1024 pages of 64-byte text-like records (compressible, distinct),
	# every 8th page nearly empty and one page random.
	awk 'BEGIN { srand(3); for (i = 0; i < 1024 * 64; i++) {
		if (i % 512 < 64) { printf "%63s\n", ""; continue }
		printf "%-15s %-15s %-15s %-15d\n", "the quick", "brown fox", "lazy dog", int(rand() * 1e6) } }' |
		tr ' ' '\0' | head -c $((1024 * 4096)) >/tmp/data
	dd if=/dev/urandom of=/tmp/data bs=4096 seek=7 count=1 conv=notrunc 2>/dev/null
	echo "data: synthetic, 1024 pages"
fi
n=$(($(wc -c </tmp/data) / 4096))
for d in tzram0 tzram1; do
	dd if=/tmp/data of=/dev/$d bs=64K oflag=direct 2>/dev/null || fail "write $d"
	echo 3 >/proc/sys/vm/drop_caches
	dd if=/dev/$d of=/tmp/back bs=4096 count=$n iflag=direct 2>/dev/null || fail "read $d"
	cmp /tmp/data /tmp/back || fail "$d: data read back differs"
	ok "$d: $n pages read back intact"
done
lz=$(awk '{print $2}' $A/mm_stat)
zs=$(awk '{print $2}' $B/mm_stat)
echo "compr_data_size: lz4 $lz, zstd $zs"
expect_eq "orig_data_size equal" "$(awk '{print $1}' $B/mm_stat)" "$(awk '{print $1}' $A/mm_stat)"
[ "$zs" -lt "$lz" ] || fail "zstd ($zs) not smaller than lz4 ($lz)"
ok "zstd stores $zs bytes, lz4 $lz"
expect_no_io_errors $B zstd

# Reset brings back the default algorithm as 6.12's zram does; 6.1's keeps
# the one chosen (dev-zram-abi compares with stock zram).
echo 1 >$B/reset || fail "reset"
case "$(uname -r)" in 6.1.*) want=zstd ;; *) want=lz4 ;; esac
algs "algorithm after reset" $B $want
echo 1 >$A/reset || fail "reset"
rmmod tzram || fail "rmmod"
ok "unloaded"
