# dev-units: units (kmod/unit.h), runs of pages compressed as one.
#  1. ABI: unit_max_pages' default, accepted and refused values, -EBUSY
#     once initialised, reset restores the default; unit_stat's format.
#  2. Swap under memory pressure, every byte verified (/progs/thpfill), on
#     kernels with mTHP (6.8+): 64 KiB large folios, which must reach the
#     device as multi-page bios (mTHP swpout counted, units stored); then
#     the page patterns (zero, same-filled, random pages among the text).
#     Elsewhere swap bios are single pages (dev-swap covers those).
#  3. Random 4 KiB / 64 KiB writes, discards and reads over the same ranges
#     (/progs/mixio, two ranges at once, every read checked), then fio
#     crc32c verify with mixed 4 KiB / 64 KiB random writes and reads (fio
#     3.33 cannot verify discards: its trim_percentage asserts).
#  4. ext4: multi-page file system bios become units; files checksummed
#     after a remount with the page cache dropped.
# Every part checks io_stat, the counters and the data.
. /tests/lib.sh

# Without the shared page corpus (a user's machine), 8 MiB of generated
# compressible text stands in for it: every part still runs.
if [ ! -s /data/corpus.bin ]; then
	echo "corpus absent: generated text pages stand in for it"
	mkdir -p /data
	awk 'BEGIN { srand(7); for (i = 0; i < 400000; i++)
		printf "%07d key=%d value=%x state=%s\n", i, int(rand() * 5000),
			int(rand() * 65536), (rand() < 0.5 ? "idle" : "busy") }' |
		head -c $((2048 * 4096)) >/data/corpus.bin
	[ "$(wc -c </data/corpus.bin)" = $((2048 * 4096)) ] || fail "stand-in corpus"
fi

# The debug kernel (KASAN, lockdep: slow) runs the timed parts shorter.
case "$(uname -r)" in
*-amd64) secs=20 ;;
*) secs=8 ;;
esac
modprobe tzram || fail "modprobe tzram"
forget_load_log
S=/sys/block/tzram0
w() { echo "$2" >"$1"; }
ustat() { awk -v f="$1" '{ print $f }' $S/unit_stat; }

# ---- 1. ABI ----
expect_eq "unit_max_pages default" "$(cat $S/unit_max_pages)" 16
expect_eq "unit_stat before init" "$(tr -s ' ' <$S/unit_stat)" " 0 0 0 0 0 0"
for bad in 0 3 5 12 17 32 -1 abc "4 4" 0x10 " "; do
	expect_fail "unit_max_pages '$bad'" sh -c "printf '%s' '$bad' >$S/unit_max_pages"
done
expect_eq "unit_max_pages after refusals" "$(cat $S/unit_max_pages)" 16
for v in 1 2 4 8 16; do
	w $S/unit_max_pages $v || fail "unit_max_pages $v"
	expect_eq "unit_max_pages" "$(cat $S/unit_max_pages)" $v
done
w $S/unit_max_pages 4
w $S/disksize 16M || fail "disksize"
expect_fail "unit_max_pages on an initialised device" sh -c "echo 8 >$S/unit_max_pages"
expect_eq "unit_max_pages kept" "$(cat $S/unit_max_pages)" 4
# 4-page units: a 64 KiB write of compressible pages is 4 units.
dd if=/data/corpus.bin of=/dev/tzram0 bs=64K count=1 oflag=direct 2>/dev/null || fail "write"
dd if=/dev/tzram0 of=/tmp/back bs=64K count=1 iflag=direct 2>/dev/null || fail "read"
head -c 65536 /data/corpus.bin | cmp - /tmp/back || fail "64 KiB read back differs"
echo "unit_stat: $(cat $S/unit_stat)"
[ "$(ustat 1)" -ge 3 ] && [ "$(ustat 1)" -le 4 ] || fail "units stored $(ustat 1): want 3-4 of 4 pages"
[ "$(ustat 3)" = "$(ustat 1)" ] || fail "whole-unit reads $(ustat 3) != units $(ustat 1)"
ok "64 KiB in $(ustat 1) units of up to 4 pages, each read whole once"
w $S/reset 1
expect_eq "unit_max_pages after reset" "$(cat $S/unit_max_pages)" 16
expect_eq "unit_stat after reset" "$(tr -s ' ' <$S/unit_stat)" " 0 0 0 0 0 0"

# swap_part: fill 1.5x RAM in 64 KiB folios (corpus pages, then the page
# patterns), every byte verified after swapping out and back in; the
# folios must reach the device whole (mTHP swpout) and become units.
swap_part() {
	mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
	fill_mb=$((mem_kb * 3 / 2 / 1024))
	w $S/disksize $((fill_mb * 2))M || fail "disksize"
	mkswap /dev/tzram0 >/dev/null || fail "mkswap"
	swapon /dev/tzram0 || fail "swapon"
	out0=$(cat $mthp/swpout)
	fb0=$(cat $mthp/swpout_fallback)
	/progs/thpfill --corpus /data/corpus.bin --stat $S/unit_stat --stat $S/mm_stat $fill_mb 1 \
		>/tmp/thp.out || { cat /tmp/thp.out; fail "thpfill (corpus): data lost through swap"; }
	cat /tmp/thp.out
	ok "corpus pages: every byte of $fill_mb MiB verified after swapping"
	n=$(($(cat $mthp/swpout) - out0))
	echo "64 KiB folios swapped out whole: $n, split first: $(($(cat $mthp/swpout_fallback) - fb0))"
	[ "$n" -gt 0 ] || fail "no 64 KiB folio was swapped out whole"
	# Units stored when the fill ended (the pressure swapped most of it out).
	u=$(awk '/thpfill: filled .*unit_stat/ { print $4 }' /tmp/thp.out)
	[ "${u:-0}" -gt 0 ] || fail "no unit stored from 64 KiB swap-outs"
	ok "$n large folios reached tzram as multi-page bios: $u units stored"
	/progs/thpfill $fill_mb 1 >/tmp/thp.out || { cat /tmp/thp.out; fail "thpfill (patterns): data lost"; }
	tail -n 1 /tmp/thp.out
	ok "page patterns: every byte verified after swapping"
	echo "unit_stat: $(cat $S/unit_stat)"
	echo "mm_stat: $(cat $S/mm_stat)"
	[ $(($(ustat 3) + $(ustat 4))) -gt 0 ] || fail "no read from a unit"
	expect_no_io_errors $S "swap"
	swapoff /dev/tzram0 || fail "swapoff"
	expect_eq "orig_data_size after swapoff (the swap header page)" "$(awk '{print $1}' $S/mm_stat)" 4096
	expect_eq "pages in units after swapoff" "$(ustat 2)" 0
	w $S/reset 1
	ok "swap done"
}

# ---- 2. swap in 64 KiB folios (mTHP kernels) ----
T=/sys/kernel/mm/transparent_hugepage
if [ -d $T/hugepages-64kB ]; then
	w $T/hugepages-64kB/enabled always || fail "mTHP 64 KiB"
	for d in $T/hugepages-*; do
		[ "$d" = $T/hugepages-64kB ] || w $d/enabled never 2>/dev/null || true
	done
	mthp=$T/hugepages-64kB/stats
	ok "mTHP: 64 KiB anonymous folios"
	swap_part
else
	# Swap-out is one page per bio there: dev-swap covers it.
	echo "no mTHP on $(uname -r): no multi-page swap bios, swap part skipped"
fi

# ---- 3. writes, discards, reads; fio ----
mb=16
w $S/disksize $((mb * 2))M || fail "disksize"
/progs/mixio --corpus /data/corpus.bin /dev/tzram0 0 $mb $secs 1 >/tmp/mix0.out &
p0=$!
/progs/mixio --corpus /data/corpus.bin /dev/tzram0 $mb $mb $secs 2 >/tmp/mix1.out &
p1=$!
wait $p0; r0=$?
wait $p1; r1=$?
cat /tmp/mix0.out /tmp/mix1.out
[ $r0 = 0 ] && [ $r1 = 0 ] || fail "mixio: exit $r0 / $r1"
ok "random 4 KiB / 64 KiB writes, discards and reads: every read right"
echo "unit_stat: $(cat $S/unit_stat)"
[ "$(ustat 1)" -gt 0 ] || fail "no unit stored"
[ "$(ustat 4)" -gt 0 ] && [ "$(ustat 5)" -gt 0 ] || fail "no partial read, or none from the per-CPU buffer"
[ "$(ustat 6)" -gt 0 ] || fail "no unit split after discards"
ok "units: $(ustat 1) stored, $(ustat 4) partial reads ($(ustat 5) hits), $(ustat 6) split"
expect_no_io_errors $S "mixio"
shim=
[ -d /proc/sysvipc ] || shim=/progs/shmshim.so
rc=0
LD_PRELOAD=$shim fio --thread --filename=/dev/tzram0 --direct=1 --ioengine=psync \
	--size=${mb}M --numjobs=2 --offset_increment=${mb}M --name=mix \
	--rw=randrw --bssplit=4k/50:64k/50 --blockalign=4k --verify=crc32c --verify_fatal=1 \
	--buffer_compress_percentage=70 --refill_buffers \
	--verify_backlog=64 --time_based --runtime=$secs --group_reporting >/tmp/fio.out 2>&1 || rc=$?
grep -E 'issued rwts|err=' /tmp/fio.out || true
if [ $rc != 0 ] || grep -qi 'verify' /tmp/fio.out; then
	grep -i verify /tmp/fio.out | head
	fail "fio mixed 4k/64k: exit $rc or verify errors"
fi
ok "fio mixed 4 KiB / 64 KiB random r/w: exit 0, no verify errors"
expect_no_io_errors $S "fio"
echo "unit_stat: $(cat $S/unit_stat)"
[ "$(ustat 1)" -gt 0 ] || fail "fio's compressible 64 KiB writes made no unit"
w $S/reset 1

# ---- 3b. one page at a time from 16-page units, lz4 and zstd ----
# A one-page read of a unit not in this CPU's buffer decodes it only up to
# that page (kmod/unit.c); the next page past that prefix decodes the rest.
# Forward reads take that path, backward ones the whole decode first; both
# with units written before another region (so the buffers hold others).
for alg in lz4 zstd; do
	w $S/comp_algorithm $alg || fail "comp_algorithm $alg"
	w $S/disksize 8M || fail "disksize"
	dd if=/data/corpus.bin of=/dev/tzram0 bs=64K count=64 oflag=direct 2>/dev/null ||
		fail "$alg: write 4 MiB"
	p0=$(ustat 4)
	dd if=/data/corpus.bin of=/tmp/want bs=4K count=512 2>/dev/null
	dd if=/dev/tzram0 of=/tmp/back bs=4K count=512 iflag=direct 2>/dev/null ||
		fail "$alg: page-by-page read"
	cmp /tmp/want /tmp/back || fail "$alg: pages read one by one forward differ"
	# Backward over 8 units (a dd and a cmp per page: TCG spawns are slow).
	for i in $(seq 1023 -1 896); do
		dd if=/dev/tzram0 of=/tmp/pg bs=4K skip=$i count=1 iflag=direct 2>/dev/null ||
			fail "$alg: read page $i"
		cmp -n 4096 /tmp/pg /data/corpus.bin 0 $((i * 4096)) ||
			fail "$alg: page $i read alone differs"
	done
	echo "unit_stat ($alg): $(cat $S/unit_stat)"
	[ $(($(ustat 4) - p0)) -ge 480 ] || fail "$alg: one-page reads were not partial unit reads"
	ok "$alg: 640 pages of 16-page units read one at a time, forward and backward, intact"
	expect_no_io_errors $S "one-page reads ($alg)"
	w $S/reset 1
done

# ---- 4. ext4 ----
modprobe ext4 2>/dev/null || grep -qw ext4 /proc/filesystems || fail "no ext4"
w $S/disksize 64M || fail "disksize"
mkfs.ext4 -q -F /dev/tzram0 || fail "mkfs.ext4"
mkdir -p /mnt/tz
mount -t ext4 /dev/tzram0 /mnt/tz || fail "mount"
for i in 1 2 3; do
	cp /data/corpus.bin /mnt/tz/corpus$i || fail "copy"
done
awk 'BEGIN { for (i = 0; i < 60000; i++) printf "line %06d of a text file on tzram\n", i }' >/mnt/tz/text
sha256sum /mnt/tz/corpus1 /mnt/tz/corpus2 /mnt/tz/corpus3 /mnt/tz/text >/tmp/sums
umount /mnt/tz || fail "umount"
echo "unit_stat after umount: $(cat $S/unit_stat)"
[ "$(ustat 1)" -gt 0 ] || fail "ext4's writes made no unit"
echo 3 >/proc/sys/vm/drop_caches
mount -t ext4 /dev/tzram0 /mnt/tz || fail "mount again"
sha256sum -c /tmp/sums >/tmp/check.out 2>&1 || { cat /tmp/check.out; fail "checksums after remount"; }
umount /mnt/tz
echo "unit_stat after reading back: $(cat $S/unit_stat)"
[ $(($(ustat 3) + $(ustat 4))) -gt 0 ] || fail "no read from a unit"
ok "ext4: $(ustat 1) units; files intact after remount"
expect_no_io_errors $S "ext4"
w $S/reset 1
dmesg | grep -Eq 'tzram: .*corrupt (object|unit)' && fail "a decoder reported corrupt data"
rmmod tzram || fail "rmmod"
ok "unloaded"
