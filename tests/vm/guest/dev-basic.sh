# dev-basic: a tzram device's sysfs ABI and data path, zram's formats.
. /tests/lib.sh

modprobe tzram || fail "modprobe tzram"
S=/sys/block/tzram0
[ -b /dev/tzram0 ] || fail "/dev/tzram0 missing"
[ -d /sys/class/tzram-control ] || fail "/sys/class/tzram-control missing"
ok "device and control class present"
expect_eq "initstate before init" "$(cat $S/initstate)" 0
expect_eq "disksize before init" "$(cat $S/disksize)" 0
expect_eq "comp_algorithm default ($(cat $S/comp_algorithm))" "$(chosen_alg $S/comp_algorithm)" lz4
expect_eq "max_comp_streams" "$(cat $S/max_comp_streams)" "$(grep -c ^processor /proc/cpuinfo)"
echo 8 >$S/max_comp_streams || fail "max_comp_streams write"
expect_eq "mm_stat before init" "$(cat $S/mm_stat | tr -s ' ')" " 0 0 0 0 0 0 0 0 0"
expect_eq "debug_stat" "$(head -n1 $S/debug_stat)" "version: 1"

echo lz4 >$S/comp_algorithm || fail "select lz4"
echo 64M >$S/disksize || fail "disksize 64M"
expect_eq "initstate" "$(cat $S/initstate)" 1
expect_eq "disksize" "$(cat $S/disksize)" 67108864
expect_eq "blockdev size" "$(blockdev --getsize64 /dev/tzram0)" 67108864
expect_eq "rotational" "$(cat $S/queue/rotational)" 0

# 64 pages of each kind: zero, same-filled, compressible text, random.
dd if=/dev/zero of=/tmp/zero bs=4096 count=64 2>/dev/null
awk 'BEGIN { for (i = 0; i < 64 * 512; i++) printf "%07x\n", 4242 }' >/tmp/same
awk 'BEGIN { srand(1); for (i = 0; i < 64 * 4096 / 32; i++) printf "line %08d of the text %9d\n", i, int(rand() * 1e9) }' | head -c $((64 * 4096)) >/tmp/text
dd if=/dev/urandom of=/tmp/rand bs=4096 count=64 2>/dev/null
cat /tmp/zero /tmp/same /tmp/text /tmp/rand >/tmp/all
dd if=/tmp/all of=/dev/tzram0 bs=64K oflag=direct 2>/dev/null || fail "write"
dd if=/dev/tzram0 of=/tmp/back bs=64K count=16 iflag=direct 2>/dev/null || fail "read"
cmp /tmp/all /tmp/back || fail "data read back differs"
ok "256 pages written and read back (direct I/O)"
set -- $(cat $S/mm_stat)
echo "mm_stat: $*"
expect_eq "orig_data_size" "$1" $((256 * 4096))
expect_eq "same_pages (zero + same-filled)" "$6" 128
expect_eq "huge_pages (random)" "$8" 64
expect_eq "huge_pages_since" "$9" 64
[ "$2" -gt $((64 * 4096)) ] && [ "$2" -lt $((128 * 4096)) ] || fail "compr_data_size $2 out of range"
ok "compr_data_size $2 (64 huge + 64 compressed pages)"
[ "$3" -gt 0 ] || fail "mem_used_total 0"
[ "$5" -ge "$3" ] || fail "mem_used_max $5 < mem_used $3"
ok "mem_used_total $3, mem_used_max $5"

# Overwrite random with zero pages: huge count drops, since-count stays.
dd if=/dev/zero of=/dev/tzram0 bs=4096 seek=192 count=64 oflag=direct 2>/dev/null || fail "overwrite"
set -- $(cat $S/mm_stat)
expect_eq "huge_pages after overwrite" "$8" 0
expect_eq "huge_pages_since after overwrite" "$9" 64
expect_eq "same_pages after overwrite" "$6" 192

# Discard the text pages: they read back as zeroes and leave the stats.
blkdiscard -o $((128 * 4096)) -l $((64 * 4096)) /dev/tzram0 || fail "blkdiscard"
set -- $(cat $S/mm_stat)
expect_eq "orig_data_size after discard" "$1" $((192 * 4096))
expect_eq "compr_data_size after discard" "$2" 0
dd if=/dev/tzram0 bs=4096 skip=128 count=64 iflag=direct 2>/dev/null | cmp - /tmp/zero || fail "discarded pages not zero"
ok "discarded pages read as zeroes"
/usr/local/bin/blkdiscard -z /dev/tzram0 || fail "write-zeroes (blkdiscard -z)"
expect_eq "orig after write-zeroes" "$(awk '{print $1}' $S/mm_stat)" 0

# Buffered I/O through the page cache, odd sizes, and a sync.
dd if=/tmp/all of=/dev/tzram0 bs=12288 seek=100 2>/dev/null && sync || fail "buffered write"
echo 3 >/proc/sys/vm/drop_caches
dd if=/dev/tzram0 bs=12288 skip=100 count=$((256 * 4096 / 12288 + 1)) 2>/dev/null | head -c $((256 * 4096)) | cmp - /tmp/all || fail "buffered read back"
ok "buffered I/O at an odd offset"

# Beyond the end: fails cleanly, data untouched.
expect_fail "write past the end" dd if=/tmp/rand of=/dev/tzram0 bs=4096 seek=16384 count=1 oflag=direct
expect_eq "read past the end: bytes" "$(dd if=/dev/tzram0 bs=4096 skip=16384 count=1 iflag=direct 2>/dev/null | wc -c)" 0
dd if=/dev/tzram0 bs=4096 count=64 iflag=direct 2>/dev/null | cmp - /tmp/zero || fail "data changed by the refused I/O"
echo "io_stat: $(cat $S/io_stat)"

expect_eq "compact" "$(echo 1 >$S/compact && echo done)" done
echo 0 >$S/mem_used_max || fail "mem_used_max reset"

# reset: frees everything, back to uninitialised.
echo 1 >$S/reset || fail "reset"
expect_eq "initstate after reset" "$(cat $S/initstate)" 0
expect_eq "disksize after reset" "$(cat $S/disksize)" 0
expect_eq "mm_stat after reset" "$(cat $S/mm_stat | tr -s ' ')" " 0 0 0 0 0 0 0 0 0"
expect_eq "size after reset" "$(blockdev --getsize64 /dev/tzram0)" 0

rmmod tzram || fail "rmmod"
ok "unloaded"
