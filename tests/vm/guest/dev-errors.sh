# dev-errors: malformed sysfs writes are refused and change nothing; busy
# devices cannot be reset, removed or unloaded; mem_limit fails writes
# with the error counted and earlier data intact; hot_add/hot_remove.
. /tests/lib.sh

modprobe tzram || fail "modprobe tzram"
S=/sys/block/tzram0
C=/sys/class/tzram-control
w() { echo "$2" >"$1"; }
# werr ERRNO WHAT FILE VALUE: writing VALUE to FILE must fail with ERRNO
# (told by the shell's strerror message).
werr() {
	msg=$( (echo "$4" >"$3") 2>&1) && fail "$2: '$4' accepted, must fail"
	case "$1:$msg" in
	EINVAL:*"Invalid argument"* | EBUSY:*"busy"* | ENODEV:*"No such device"* | \
	ENOMEM:*"Cannot allocate memory"*) ok "$2: $1" ;;
	*) fail "$2: want $1, got '$msg'" ;;
	esac
}

# Before disksize: no capacity, so block I/O fails and stores nothing.
dd if=/dev/urandom of=/tmp/r bs=4096 count=64 2>/dev/null
expect_fail "write before disksize" dd if=/tmp/r of=/dev/tzram0 bs=4096 count=1 oflag=direct
expect_eq "mm_stat after write before disksize" "$(cat $S/mm_stat | tr -s ' ')" " 0 0 0 0 0 0 0 0 0"

# Sizes are read as zram reads them (memparse; tests/kunit/parse_test.c):
# nothing parsed or 0 is EINVAL, a size past our 16 TiB table is ENOMEM.
for bad in abc -1 "" " 4096" 16E 0x 0; do
	werr EINVAL "disksize '$bad'" $S/disksize "$bad"
done
werr ENOMEM "disksize 99999999999999999999 (wraps to ~6.7 EiB)" $S/disksize 99999999999999999999
werr ENOMEM "disksize 17T" $S/disksize 17T
expect_eq "initstate after bad disksizes" "$(cat $S/initstate)" 0
expect_eq "disksize after bad disksizes" "$(cat $S/disksize)" 0
werr EINVAL "unknown algorithm" $S/comp_algorithm foo
werr EINVAL "algorithm with junk" $S/comp_algorithm "lz4 x"
werr EINVAL "empty algorithm" $S/comp_algorithm ""
expect_eq "algorithm unchanged" "$(chosen_alg $S/comp_algorithm)" lz4
werr EINVAL "compact before init" $S/compact 1
for bad in abc -5 "" " 1M"; do
	werr EINVAL "mem_limit '$bad'" $S/mem_limit "$bad"
done
expect_eq "mem_limit unchanged" "$(awk '{print $4}' $S/mm_stat)" 0
werr EINVAL "mem_used_max 5" $S/mem_used_max 5
werr EINVAL "mem_used_max -1" $S/mem_used_max -1
werr EINVAL "reset 0" $S/reset 0
werr EINVAL "reset junk" $S/reset x
werr EINVAL "reset negative" $S/reset -1
expect_eq "still uninitialised" "$(cat $S/initstate)" 0

w $S/disksize 32M || fail "disksize 32M"
werr EBUSY "disksize twice" $S/disksize 64M
expect_eq "disksize kept" "$(cat $S/disksize)" 33554432
werr EBUSY "algorithm after init" $S/comp_algorithm lz4
werr EINVAL "unknown algorithm after init" $S/comp_algorithm foo

# mem_limit: a full write of random data must fail, counted, old data kept.
dd if=/tmp/r of=/dev/tzram0 bs=4096 count=64 oflag=direct 2>/dev/null || fail "first write"
w $S/mem_limit $(( $(awk '{print $3}' $S/mm_stat) + 65536 )) || fail "mem_limit"
expect_eq "mem_limit in mm_stat" "$(awk '{print $4}' $S/mm_stat)" $(( $(awk '{print $3}' $S/mm_stat) + 65536 ))
# The store fails with -ENOMEM, and that is what the writer sees.
msg=$(dd if=/dev/urandom of=/dev/tzram0 bs=4096 seek=64 count=1000 oflag=direct 2>&1) && fail "write over mem_limit succeeded"
case "$msg" in *"Cannot allocate memory"*) ok "write over mem_limit: ENOMEM" ;; *) fail "write over mem_limit: want ENOMEM, got '$msg'" ;; esac
f=$(awk '{print $2}' $S/io_stat)
[ "$f" -gt 0 ] || fail "failed_writes not counted"
ok "failed_writes = $f"
dd if=/dev/tzram0 bs=4096 count=64 iflag=direct 2>/dev/null | cmp - /tmp/r || fail "data before the limit changed"
ok "earlier data intact"
w $S/mem_limit 0 || fail "mem_limit 0"
dd if=/dev/urandom of=/dev/tzram0 bs=4096 seek=64 count=100 oflag=direct 2>/dev/null || fail "write after lifting the limit"
ok "writes work again without a limit"

# Busy: open device can't be reset, removed, or the module unloaded.
exec 3</dev/tzram0
werr EBUSY "reset while open" $S/reset 1
werr EBUSY "hot_remove while open" $C/hot_remove 0
expect_fail "rmmod while open" rmmod tzram
expect_eq "still initialised" "$(cat $S/initstate)" 1
exec 3<&-
w $S/reset 1 || fail "reset after close"

# hot_add / hot_remove.
id=$(cat $C/hot_add) || fail "hot_add"
expect_eq "hot_add id" "$id" 1
[ -b /dev/tzram1 ] && [ -d /sys/block/tzram1 ] || fail "tzram1 missing"
w /sys/block/tzram1/disksize 8M || fail "tzram1 disksize"
dd if=/tmp/r of=/dev/tzram1 bs=4096 count=64 oflag=direct 2>/dev/null || fail "tzram1 write"
werr EINVAL "hot_remove junk" $C/hot_remove x
werr EINVAL "hot_remove negative" $C/hot_remove -1
werr ENODEV "hot_remove unknown" $C/hot_remove 7
w $C/hot_remove 1 || fail "hot_remove 1"
[ ! -e /sys/block/tzram1 ] || fail "tzram1 still there"
ok "hot_remove 1"
expect_eq "hot_add reuses id" "$(cat $C/hot_add)" 1
rmmod tzram || fail "rmmod"
modprobe tzram num_devices=3 || fail "modprobe num_devices=3"
[ -b /dev/tzram2 ] || fail "num_devices=3 did not make tzram2"
ok "num_devices=3"
rmmod tzram || fail "rmmod"
ok "unloaded"
