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
forget_load_log
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

# zram's page-by-page rules first (units: the end of this test).
echo 1 >$A/unit_max_pages || fail "unit_max_pages 1"
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
# nothing was idle since boot, everything for a second after a pause.
# "Since boot" is an age of the uptime less 1 s: every page was written
# later. (Ages past the uptime wrap around on later kernels and then mark
# everything, as zram does.)
age=$(($(cut -d. -f1 /proc/uptime) - 1))
echo $age >$A/idle || fail "idle $age"
echo "type=idle" >$A/recompress || fail "recompress type=idle (nothing idle)"
expect_eq "no page idle for $age s: nothing recompressed" "$(field $A/mm_stat 2)" "$compr"
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

# ---- levels through algorithm_params reach the encoder ----
# ZSTD: our encoder serves 1..3 (1 and 2 one greedy parse, 3 a lazy one), the
# kernel's encoder any other level: level 9 stores less than level 1.
# LZ4: the level is the acceleration: 64 stores more than 1.
# level_run ALG LEVEL-B LEVEL-C: tzram1 and tzram2 store /tmp/data with
# ALG at those levels; sets lb and lc to their compr_data_size.
level_run() {
	for d in 1:$2 2:$3; do
		i=${d%:*} l=${d#*:}
		echo 1 >/sys/block/tzram$i/reset || fail "reset tzram$i"
		echo "$1" >/sys/block/tzram$i/comp_algorithm || fail "$1 on tzram$i"
		echo "algo=$1 level=$l" >/sys/block/tzram$i/algorithm_params || fail "$1 level $l"
		echo 16M >/sys/block/tzram$i/disksize || fail "disksize tzram$i"
		dd if=/tmp/data of=/dev/tzram$i bs=64K oflag=direct 2>/dev/null || fail "write tzram$i"
		dd if=/dev/tzram$i of=/tmp/back bs=64K iflag=direct count=$((n / 16)) 2>/dev/null
		cmp /tmp/back /tmp/data || fail "tzram$i ($1 level $l) data differs"
	done
	lb=$(field $B/mm_stat 2) lc=$(field $C/mm_stat 2)
	echo "$1 level $2: $lb bytes, level $3: $lc bytes"
}
level_run zstd 1 9
[ "$lc" -lt "$lb" ] || fail "zstd level 9 ($lc) not smaller than level 1 ($lb)"
# 64 KiB writes: units; level 3's lazy parse stores 2.6 % (corpus) to 5 %
# (text records) less than level 2's greedy one in userspace.
level_run zstd 2 3
[ "$lc" -lt "$lb" ] || fail "zstd level 3 ($lc) not smaller than level 2 ($lb)"
level_run lz4 1 64
[ "$lc" -gt "$lb" ] || fail "lz4 level (acceleration) 64 ($lc) not larger than level 1 ($lb)"
ok "algorithm_params level reaches the encoder"

# ---- units (the default): recompress takes a unit whole ----
# Its live pages leave it together, each recompressed alone with zstd,
# when that stores them in less; data intact, mm_stat and unit_stat agree.
echo 1 >$B/reset || fail "reset tzram1"
echo "algo=zstd" >$B/recomp_algorithm || fail "tzram1 recomp zstd"
echo 16M >$B/disksize || fail "disksize tzram1"
dd if=/tmp/data of=/dev/tzram1 bs=64K oflag=direct 2>/dev/null || fail "write tzram1"
set -- $(cat $B/unit_stat)
units=$1
set -- $(cat $B/mm_stat)
orig=$1 compr=$2
echo "units: unit_stat $(cat $B/unit_stat); mm_stat $*"
[ "$units" -gt 0 ] || fail "no unit stored"
echo all >$B/idle || fail "idle all"
echo "type=idle max_pages=64" >$B/recompress || fail "recompress max_pages=64"
set -- $(cat $B/unit_stat)
# max_pages counts pages: 64 of them are 4 or 5 units (up to 16 pages each).
[ "$1" -lt "$units" ] && [ "$1" -ge $((units - 5)) ] ||
	fail "max_pages=64: $units units -> $1 (want 4 or 5 fewer)"
ok "max_pages=64: units $units -> $1"
echo "type=idle" >$B/recompress || fail "recompress type=idle"
set -- $(cat $B/mm_stat)
echo "after recompress: unit_stat $(cat $B/unit_stat); mm_stat $*"
expect_eq "orig_data_size after recompress" "$1" "$orig"
[ "$2" -lt "$compr" ] || fail "units: compr_data_size did not shrink ($compr -> $2)"
dd if=/dev/tzram1 of=/tmp/back bs=64K iflag=direct count=$((n / 16)) 2>/dev/null
cmp /tmp/back /tmp/data || fail "tzram1: data differs after recompressing units"
ok "units recompressed: compr_data_size $compr -> $2, $(awk '{print $1}' $B/unit_stat) units left"
expect_no_io_errors $B

for d in tzram0 tzram1 tzram2; do echo 1 >/sys/block/$d/reset || fail "reset $d"; done
expect_eq "recomp_algorithm cleared by reset" "$(cat $A/recomp_algorithm)" ""
rmmod tzram || fail "rmmod"
ok "unloaded"
