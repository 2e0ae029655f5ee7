# adv-writeback: backing_dev, writeback, writeback_limit(_enable), bd_stat
# (the running kernel's zram ABI) over a loop device on a tmpfs file: bad inputs refused
# with zram's error codes; page_index=, idle (with a limit), incompressible
# and huge writeback; every page reads back intact from the backing
# device, also while a concurrent fio job rewrites and verifies its own
# region during writeback passes; bd_stat and mm_stat agree with what
# moved; discard frees backing blocks; reset releases the loop device
# (detached and reused afterwards).
. /tests/lib.sh
. /tests/adv-lib.sh

modprobe tzram num_devices=2 || fail "modprobe tzram num_devices=2"
A=/sys/block/tzram0 B=/sys/block/tzram1
truncate -s 64M /tmp/bd.img || fail "backing file"
truncate -s 0 /tmp/empty.img
modprobe loop 2>/dev/null
attach() { # attach FILE: print the loop device now holding FILE
	local d
	d=$(losetup -f) && losetup $d "$1" && echo $d
}
LOOP=$(attach /tmp/bd.img) || fail "losetup"
LOOP0=$(attach /tmp/empty.img) || fail "losetup empty"
echo "backing: $LOOP (64 MiB), empty: $LOOP0"

expect_eq "backing_dev none" "$(cat $A/backing_dev)" "none"
expect_err "backing_dev missing path" "No such file" /nonexistent $A/backing_dev
expect_err "backing_dev regular file" "Block device required" /tmp/bd.img $A/backing_dev
expect_err "backing_dev empty device" "Invalid argument" $LOOP0 $A/backing_dev
expect_err "writeback before init" "Invalid argument" idle $A/writeback
echo $LOOP >$A/backing_dev || fail "backing_dev $LOOP"
expect_eq "backing_dev" "$(cat $A/backing_dev)" "$LOOP"
expect_err "backing_dev held exclusively" "busy" $LOOP $B/backing_dev
expect_err "writeback_limit=abc" "Invalid argument" abc $A/writeback_limit
expect_err "writeback_limit_enable=-1" "Invalid argument" -1 $A/writeback_limit_enable

echo "algo=zstd" >$A/recomp_algorithm || fail "recomp_algorithm zstd"
# zram's page-by-page rules here (units: tzram1 at the end of this test).
echo 1 >$A/unit_max_pages || fail "unit_max_pages 1"
echo 64M >$A/disksize || fail "disksize"
expect_err "backing_dev after init" "busy" $LOOP $A/backing_dev
expect_err "writeback bad mode" "Invalid argument" foo $A/writeback
expect_err "writeback page_index=abc" "Invalid argument" page_index=abc $A/writeback
# 6.16 on: -ERANGE for an index past the end.
if kernel_at_least 6 16; then beyond="out of range"; else beyond="Invalid argument"; fi
expect_err "writeback page_index beyond" "$beyond" page_index=16384 $A/writeback
expect_eq "bd_stat empty" "$(echo $(cat $A/bd_stat))" "0 0 0"

adv_data 5
# Random pages past the first idle writeback's reach (it takes 100 pages).
dd if=/dev/urandom of=/tmp/data bs=4096 seek=1000 count=3 conv=notrunc 2>/dev/null
n=$(($(wc -c </tmp/data) / 4096))
dd if=/tmp/data of=/dev/tzram0 bs=64K oflag=direct 2>/dev/null || fail "write data"
adv_fio "fio region 16M written" /dev/tzram0 16 --rw=write --do_verify=0
set -- $(cat $A/mm_stat)
orig=$1 compr=$2
echo "before: mm_stat $*"

# One page.
echo page_index=10 >$A/writeback || fail "writeback page_index=10"
expect_eq "bd_stat after page_index=10" "$(echo $(cat $A/bd_stat))" "1 0 1"
expect_eq "orig_data_size after writeback" "$(field $A/mm_stat 1)" "$orig"
[ "$(field $A/mm_stat 2)" -lt "$compr" ] || fail "compr_data_size did not drop"
echo page_index=10 >$A/writeback || fail "writeback of a written-back page"
expect_eq "bd_stat: a written-back page is not written again" "$(echo $(cat $A/bd_stat))" "1 0 1"
dd if=/dev/tzram0 of=/tmp/p bs=4096 skip=10 count=1 iflag=direct 2>/dev/null
dd if=/tmp/data of=/tmp/q bs=4096 skip=10 count=1 2>/dev/null
cmp /tmp/p /tmp/q || fail "page 10 from the backing device differs"
expect_eq "bd_stat after reading page 10" "$(echo $(cat $A/bd_stat))" "1 1 1"

# incompressible: pages every recompression algorithm failed. Before a
# recompress pass there are none; type=huge moves the huge pages zstd can
# shrink and marks the 3 random ones, which writeback then takes (6.1's
# zram has no incompressible mode: there huge writeback takes them).
if kernel_at_least 6 2; then
	echo incompressible >$A/writeback || fail "writeback incompressible"
	expect_eq "nothing incompressible yet" "$(field $A/bd_stat 3)" 1
else
	expect_err "writeback incompressible (6.1)" "Invalid argument" incompressible $A/writeback
fi
echo type=huge >$A/recompress || fail "recompress type=huge"
expect_eq "huge pages after recompress: the random ones" "$(field $A/mm_stat 8)" 3
if kernel_at_least 6 2; then
	echo incompressible >$A/writeback || fail "writeback incompressible"
	expect_eq "incompressible pages written back" "$(field $A/bd_stat 3)" 4
	expect_eq "huge_pages after writeback" "$(field $A/mm_stat 8)" 0
fi
echo huge >$A/writeback || fail "writeback huge"
expect_eq "huge pages written back" "$(field $A/bd_stat 3)" 4
expect_eq "huge_pages after writeback" "$(field $A/mm_stat 8)" 0
huge=3
expect_eq "orig_data_size after writebacks" "$(field $A/mm_stat 1)" "$orig"

# Idle pages with a limit of 100 pages: -EIO once it is used up.
echo 1 >$A/writeback_limit_enable || fail "writeback_limit_enable"
echo 100 >$A/writeback_limit || fail "writeback_limit"
expect_eq "writeback_limit" "$(cat $A/writeback_limit)" 100
echo all >$A/idle || fail "idle all"
BS=/sys/kernel/debug/tzram/tzram0/batch_stat
b0=$(field $BS 1)
expect_err "writeback idle past the limit" "Input/output error" idle $A/writeback
expect_eq "writeback_limit used up" "$(cat $A/writeback_limit)" 0
expect_eq "bd_stat after limited idle writeback" "$(echo $(cat $A/bd_stat))" "104 1 104"
# Where writes go in batches (writeback_batch_size, 7.0 on), their pages
# are decoded through the codec's batch calls (issue 14): batch_stat's
# decompressed pages grow; before that, one page at a time, as zram.
if [ -e $A/writeback_batch_size ]; then
	b1=$(field $BS 1)
	[ "$b1" -gt "$b0" ] || fail "writeback: batch_stat $(cat $BS): no page decoded in a batch"
	ok "idle writeback decoded $((b1 - b0)) pages in batch calls"
fi
expect_err "writeback with limit 0" "Input/output error" idle $A/writeback
echo 0 >$A/writeback_limit_enable || fail "writeback_limit_enable=0"
expect_eq "writeback_limit_enable" "$(cat $A/writeback_limit_enable)" 0

# Writeback passes while fio rewrites and verifies region 32M.
adv_fio "fio during writeback passes" /dev/tzram0 32 --rw=randrw \
	--time_based --runtime=$adv_secs --verify_backlog=32 &
fio_pid=$!
passes=0
while kill -0 $fio_pid 2>/dev/null; do
	echo all >$A/idle || fail "idle all (concurrent)"
	echo idle >$A/writeback 2>/dev/null || echo "writeback idle: $?"
	passes=$((passes + 1))
	sleep 1
done
wait $fio_pid || fail "concurrent fio"
set -- $(cat $A/bd_stat)
echo "bd_stat after $passes passes: $*"
[ "$3" -gt $((101 + huge)) ] || fail "concurrent passes wrote nothing back"

echo 3 >/proc/sys/vm/drop_caches
r0=$(field $A/bd_stat 2)
dd if=/dev/tzram0 of=/tmp/back bs=4096 count=$n iflag=direct 2>/dev/null || fail "read back"
cmp /tmp/data /tmp/back || fail "data differs after writeback"
r1=$(field $A/bd_stat 2)
[ "$r1" -gt "$r0" ] || fail "no reads from the backing device"
ok "$n pages intact, $((r1 - r0)) of them read from the backing device"
adv_fio "fio region 16M verified after writeback" /dev/tzram0 16 --rw=write --verify_only

# Discard frees backing blocks; stats follow.
c0=$(field $A/bd_stat 1)
blkdiscard -o 0 -l $((8 << 20)) /dev/tzram0 || fail "blkdiscard"
c1=$(field $A/bd_stat 1)
[ "$c1" -lt "$c0" ] || fail "discard kept backing blocks ($c0 -> $c1)"
ok "discard freed $((c0 - c1)) backing blocks"
expect_no_io_errors $A

# Reset releases the loop device: detach it, attach again, reuse it.
echo 1 >$A/reset || fail "reset"
expect_eq "backing_dev after reset" "$(cat $A/backing_dev)" "none"
expect_eq "bd_stat after reset" "$(echo $(cat $A/bd_stat))" "0 0 0"
losetup -d $LOOP || fail "loop device still held after reset"
LOOP=$(attach /tmp/bd.img) || fail "losetup again"
echo $LOOP >$B/backing_dev || fail "reuse $LOOP on tzram1"
echo 16M >$B/disksize || fail "tzram1 disksize"
head -c $((16 << 20)) /tmp/data >/tmp/d16 2>/dev/null
dd if=/tmp/data of=/dev/tzram1 bs=64K count=64 oflag=direct 2>/dev/null || fail "write tzram1"
# tzram1 has units (the default): one page of one goes alone, then all.
units=$(field $B/unit_stat 1)
[ "$units" -gt 0 ] || fail "tzram1: no unit stored"
echo page_index=17 >$B/writeback || fail "tzram1 writeback page_index=17"
expect_eq "tzram1: a unit page written back, its unit kept" "$(field $B/unit_stat 1)" "$units"
expect_eq "tzram1: bd_stat" "$(echo $(cat $B/bd_stat))" "1 0 1"
echo all >$B/idle && echo idle >$B/writeback || fail "tzram1 writeback idle"
expect_eq "tzram1: units left after writing every idle page back" "$(field $B/unit_stat 1)" 0
expect_eq "tzram1: compr_data_size" "$(field $B/mm_stat 2)" 0
dd if=/dev/tzram1 of=/tmp/back bs=64K count=64 iflag=direct 2>/dev/null
head -c $((64 * 65536)) /tmp/data >/tmp/d1
cmp /tmp/back /tmp/d1 || fail "tzram1 data differs"
ok "reused loop device: $(field $B/bd_stat 3) pages written back from $units units, data intact"
echo 1 >$B/reset || fail "reset tzram1"
losetup -d $LOOP || fail "detach after tzram1 reset"
losetup -d $LOOP0
rmmod tzram || fail "rmmod"
ok "unloaded"
