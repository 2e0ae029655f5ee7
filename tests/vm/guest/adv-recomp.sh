# adv-recomp: algorithm_params, recomp_algorithm, idle (all and by age) and recompress
# (zram 6.12's ABI): every attribute's good and bad inputs, refused with
# zram's error codes; ZSTD levels take effect; pages move to the
# recompression algorithm (mm_stat shrinks, orig_data_size stays) while a
# concurrent fio job rewrites and verifies its own region; all data read
# back intact after recompression (corpus pages with cmp, fio regions
# with crc32c verification).
. /tests/lib.sh
. /tests/adv-lib.sh

modprobe tzram num_devices=3 || fail "modprobe tzram num_devices=3"
A=/sys/block/tzram0 B=/sys/block/tzram1 C=/sys/block/tzram2

# ---- algorithm_params ----
echo "priority=0 level=3" >$A/algorithm_params || fail "priority=0 level=3"
echo "algo=lz4 level=9" >$A/algorithm_params || fail "algo=lz4 level=9 (acceleration)"
expect_err "unknown algo" "Invalid argument" "algo=nope level=1" $A/algorithm_params
expect_err "priority 4" "Invalid argument" "priority=4 level=1" $A/algorithm_params
expect_err "priority -1" "Invalid argument" "priority=-1 level=1" $A/algorithm_params
expect_err "level without value" "Invalid argument" "level" $A/algorithm_params
expect_err "level=abc" "Invalid argument" "level=abc" $A/algorithm_params
expect_err "algo of unset priority" "Invalid argument" "algo=zstd level=1" $A/algorithm_params

# ---- recomp_algorithm ----
expect_eq "recomp_algorithm empty" "$(cat $A/recomp_algorithm)" ""
echo "algo=zstd priority=1" >$A/recomp_algorithm || fail "algo=zstd priority=1"
# "#1: " and comp_algorithm's list with zstd chosen.
echo zstd >$B/comp_algorithm || fail "zstd on tzram1"
expect_eq "recomp_algorithm" "$(cat $A/recomp_algorithm)" "#1: $(cat $B/comp_algorithm)"
echo lz4 >$B/comp_algorithm || fail "lz4 back on tzram1"
echo "algo=zstd" >$A/recomp_algorithm || fail "algo=zstd (priority 1 default)"
echo "algo=zstd level=3" >$A/algorithm_params || fail "algo=zstd level=3 (priority 1 by name)"
expect_err "recomp priority 0" "Invalid argument" "algo=zstd priority=0" $A/recomp_algorithm
expect_err "recomp priority 4" "Invalid argument" "algo=zstd priority=4" $A/recomp_algorithm
expect_err "recomp unknown algo" "Invalid argument" "algo=nope" $A/recomp_algorithm
expect_err "recomp no algo" "Invalid argument" "priority=1" $A/recomp_algorithm
expect_err "recomp empty value" "Invalid argument" "algo=" $A/recomp_algorithm

# ---- idle / recompress before init ----
expect_err "idle before init" "Invalid argument" "all" $A/idle
expect_err "recompress before init" "Invalid argument" "type=idle" $A/recompress

echo 64M >$A/disksize || fail "disksize"
expect_err "recomp_algorithm after init" "busy" "algo=zstd priority=2" $A/recomp_algorithm
expect_err "idle bad word" "Invalid argument" "some" $A/idle
expect_err "idle negative age" "Invalid argument" "-5" $A/idle
expect_err "recompress threshold >= huge class" "Invalid argument" "threshold=4096" $A/recompress
expect_err "recompress threshold=abc" "Invalid argument" "threshold=abc" $A/recompress
expect_err "recompress max_pages=-1" "Invalid argument" "max_pages=-1" $A/recompress
expect_err "recompress unknown algo" "Invalid argument" "algo=lz4" $A/recompress
expect_err "recompress empty value" "Invalid argument" "type=" $A/recompress

# ---- data: corpus at 0 (or synthetic), fio regions at 16M and 32M ----
adv_data 7
dd if=/dev/urandom of=/tmp/data bs=4096 seek=5 count=3 conv=notrunc 2>/dev/null
n=$(($(wc -c </tmp/data) / 4096))
dd if=/tmp/data of=/dev/tzram0 bs=64K oflag=direct 2>/dev/null || fail "write data"
adv_fio "fio region 16M written" /dev/tzram0 16 --rw=write --do_verify=0
set -- $(cat $A/mm_stat)
orig=$1 compr=$2 huge=$8
echo "before: mm_stat $*"
[ "$huge" -ge 3 ] || fail "random pages not huge ($huge)"

# Age form (access times kept, as zram with CONFIG_ZRAM_TRACK_ENTRY_ACTIME):
# nothing was idle for an hour, everything for a second after a pause.
echo 3600 >$A/idle || fail "idle 3600"
echo "type=idle" >$A/recompress || fail "recompress type=idle (nothing idle)"
expect_eq "no page idle for 3600 s: nothing recompressed" "$(field $A/mm_stat 2)" "$compr"
sleep 2
echo 1 >$A/idle || fail "idle 1"
echo "type=idle max_pages=100" >$A/recompress || fail "recompress max_pages=100"
set -- $(cat $A/mm_stat)
echo "after max_pages=100: mm_stat $*"
[ "$2" -lt "$compr" ] || fail "max_pages=100 recompressed nothing"
expect_eq "orig_data_size after recompress" "$1" "$orig"
c1=$2
echo "type=idle" >$A/recompress || fail "recompress type=idle"
echo "type=huge" >$A/recompress || fail "recompress type=huge"
set -- $(cat $A/mm_stat)
echo "after type=idle, type=huge: mm_stat $*"
[ "$2" -lt "$c1" ] || fail "type=idle: compr_data_size did not shrink ($c1 -> $2)"
expect_eq "orig_data_size after recompress" "$1" "$orig"
# Random pages stay huge (zstd cannot shrink them either); others move.
[ "$8" -ge 3 ] && [ "$8" -le "$huge" ] || fail "huge pages $huge -> $8"
expect_eq "huge_pages_since unchanged" "$9" "$huge"
ok "recompressed: compr_data_size $compr -> $2, huge $huge -> $8"

# Recompress passes while fio rewrites and verifies region 32M.
adv_fio "fio during recompress passes" /dev/tzram0 32 --rw=randrw \
	--time_based --runtime=$adv_secs --verify_backlog=32 &
fio_pid=$!
passes=0
while kill -0 $fio_pid 2>/dev/null; do
	echo all >$A/idle || fail "idle all (concurrent)"
	echo "type=idle" >$A/recompress || fail "recompress (concurrent)"
	echo "type=huge_idle algo=zstd threshold=1000" >$A/recompress ||
		fail "recompress huge_idle algo=zstd threshold"
	passes=$((passes + 1))
done
wait $fio_pid || fail "concurrent fio"
ok "$passes idle+recompress passes during fio"
echo 3 >/proc/sys/vm/drop_caches
dd if=/dev/tzram0 of=/tmp/back bs=4096 count=$n iflag=direct 2>/dev/null || fail "read back"
cmp /tmp/data /tmp/back || fail "data differs after recompression"
ok "$n corpus pages intact after recompression"
adv_fio "fio region 16M verified after recompression" /dev/tzram0 16 --rw=write --verify_only
# A rewrite of recompressed pages gets the primary algorithm again.
dd if=/tmp/data of=/dev/tzram0 bs=64K count=16 oflag=direct 2>/dev/null || fail "rewrite"
dd if=/dev/tzram0 of=/tmp/back bs=64K count=16 iflag=direct 2>/dev/null || fail "reread"
head -c $((16 * 65536)) /tmp/data >/tmp/d1
cmp /tmp/back /tmp/d1 || fail "rewritten pages differ"
expect_no_io_errors $A
dmesg | grep -q 'corrupt object' && fail "decoder reported a corrupt object"

# ---- ZSTD level through algorithm_params: level 3 stores smaller than 1 ----
for d in 1:1 2:3; do
	i=${d%:*} l=${d#*:}
	echo zstd >/sys/block/tzram$i/comp_algorithm || fail "zstd on tzram$i"
	echo "algo=zstd level=$l" >/sys/block/tzram$i/algorithm_params || fail "level $l"
	echo 16M >/sys/block/tzram$i/disksize || fail "disksize tzram$i"
	dd if=/tmp/data of=/dev/tzram$i bs=64K oflag=direct 2>/dev/null || fail "write tzram$i"
	dd if=/dev/tzram$i of=/tmp/back bs=64K iflag=direct count=$((n / 16)) 2>/dev/null
	cmp /tmp/back /tmp/data || fail "tzram$i (zstd level $l) data differs"
done
l1=$(field $B/mm_stat 2) l3=$(field $C/mm_stat 2)
echo "zstd level 1: $l1 bytes, level 3: $l3 bytes"
[ "$l3" -lt "$l1" ] || fail "level 3 ($l3) not smaller than level 1 ($l1)"
ok "algorithm_params level reaches the encoder"

for d in tzram0 tzram1 tzram2; do echo 1 >/sys/block/$d/reset || fail "reset $d"; done
expect_eq "recomp_algorithm cleared by reset" "$(cat $A/recomp_algorithm)" ""
rmmod tzram || fail "rmmod"
ok "unloaded"
