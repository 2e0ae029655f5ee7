# tzramctl-real: build/helper/tzramctl (run.sh --bin) against real devices:
# its columns equal util-linux zramctl's for the same zram-compat device
# (human, --bytes, --raw, all columns, swap mountpoint), setup/find/reset,
# stat and top read the real counters, errors are one line and exit 1.
. /tests/lib.sh

# err_one WHAT PATTERN CMD...: CMD exits 1 with one stderr line matching.
err_one() {
	local what=$1 pat=$2 rc=0
	shift 2
	"$@" >/tmp/o 2>/tmp/e || rc=$?
	cat /tmp/e
	[ $rc = 1 ] || fail "$what: exit $rc, want 1"
	[ "$(wc -l </tmp/e)" = 1 ] || fail "$what: not one error line"
	grep -Eq "$pat" /tmp/e || fail "$what: error does not match '$pat'"
	ok "$what: one line, exit 1"
}
same() { # same ARGS...: tzramctl ARGS and zramctl ARGS print the same
	zramctl "$@" >/tmp/z || fail "zramctl $*"
	tzramctl "$@" >/tmp/t || fail "tzramctl $*"
	if ! cmp -s /tmp/z /tmp/t; then
		echo "zramctl $*:"; cat /tmp/z; echo "tzramctl $*:"; cat /tmp/t
		fail "tzramctl $* differs from zramctl"
	fi
	ok "tzramctl $* = zramctl $* ($(wc -l </tmp/t) lines)"
}

err_one "no module" "tzram module is not loaded \(modprobe tzram\)" tzramctl
modprobe tzram zram_compat=1 num_devices=1 || fail "modprobe tzram zram_compat=1"
dev=$(tzramctl --find --size 64M --algorithm lz4) || fail "tzramctl --find"
expect_eq "tzramctl --find" "$dev" /dev/zram0
# Data of every kind: random (huge), text (compressed), zero (same).
dd if=/dev/urandom of=/dev/zram0 bs=4096 count=100 oflag=direct 2>/dev/null || fail "write"
awk 'BEGIN { srand(2); for (i = 0; i < 300 * 128; i++) printf "row %08d value %12d pad\n", i, int(rand() * 1e9) }' |
	dd of=/dev/zram0 bs=4096 seek=100 count=300 oflag=direct iflag=fullblock 2>/dev/null || fail "write text"
dd if=/dev/zero of=/dev/zram0 bs=4096 seek=400 count=77 oflag=direct 2>/dev/null
tzramctl
same
same --raw
same --bytes
same --output-all --bytes --raw
same --output-all
same --noheadings --raw --output NAME,ZERO-PAGES,MIGRATED,MEM-LIMIT,DATA /dev/zram0
expect_eq "ZERO-PAGES" "$(tzramctl -n --raw -o ZERO-PAGES /dev/zram0)" 77

mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || fail "swapon"
same
same --output-all --raw
err_one "setup of a busy device" "cannot set reset to 1: Device or resource busy" tzramctl -s 32M /dev/zram0
swapoff /dev/zram0 || fail "swapoff"

dev=$(tzramctl -f -s 16M) || fail "tzramctl -f (hot_add)"
expect_eq "second device by hot_add" "$dev" /dev/zram1
err_one "bad size" "invalid size '12Q'" tzramctl -s 12Q /dev/zram1
err_one "bad algorithm" "cannot set comp_algorithm to nope: Invalid argument" tzramctl -s 1M -a nope /dev/zram1
err_one "not a device" "/dev/tzram0: not a tzram \(zram_compat\) device" tzramctl /dev/tzram0
# The initramfs layers are packed from mktemp -d roots (0700): let an
# unprivileged user reach the binaries and libraries, as on a real system.
chmod 755 / /lib /lib/x86_64-linux-gnu /usr /usr/local /usr/local/bin 2>/dev/null || true
err_one "no permission" "Permission denied \(run as root\)" /usr/local/bin/setpriv --reuid=65534 --regid=65534 --clear-groups tzramctl -s 8M /dev/zram1
same --raw --bytes /dev/zram1
err_one "two devices (as zramctl)" "only one <device> at a time is allowed" tzramctl /dev/zram0 /dev/zram1

tzramctl stat >/tmp/s || fail "tzramctl stat"
cat /tmp/s
grep -qx "  simd_variant       $(cat /sys/module/tzram/parameters/simd_variant)" /tmp/s || fail "stat: simd_variant"
grep -qx "  version            $(cat /sys/module/tzram/version)" /tmp/s || fail "stat: version"
grep -q '^crypto_stat:' /tmp/s && grep -q '^  algo comp_calls' /tmp/s || fail "stat: crypto_stat"
set -- $(cat /sys/block/zram0/mm_stat)
grep -qx "  orig_data_size     $1" /tmp/s && grep -qx "  huge_pages         $8" /tmp/s || fail "stat: mm_stat values"
if [ -e /sys/block/zram0/gpu_stat ]; then
	grep -q '^  gpu_stat:$' /tmp/s || fail "stat: gpu_stat present but not shown"
else
	grep -q '^  gpu_stat: absent' /tmp/s || fail "stat: gpu_stat absence"
fi
grep -qx "  unit_max_pages     $(cat /sys/block/zram0/unit_max_pages)" /tmp/s &&
	grep -qx "  units_stored       $(awk '{print $1}' /sys/block/zram0/unit_stat)" /tmp/s ||
	fail "stat: unit_max_pages, unit_stat"
ok "stat: variant, version, crypto_stat, mm_stat, gpu_stat, unit_stat"

# top, batch: throughput seen while reading the device
(sleep 0.3; dd if=/dev/zram0 of=/dev/null bs=64K count=100 iflag=direct 2>/dev/null) &
tzramctl top -n 3 -d 0.5 >/tmp/top || fail "tzramctl top"
wait
cat /tmp/top
expect_eq "top frames" "$(grep -c '^tzramctl top - ' /tmp/top)" 3
# zram1 is uninitialised again (the refused setup above had reset it)
grep -q '^/dev/zram0 ' /tmp/top && ! grep -q '^/dev/zram1 ' /tmp/top || fail "top: device rows"
grep '^/dev/zram0 ' /tmp/top | awk '$8 + 0 > 0 { f = 1 } END { exit !f }' || fail "top: no read throughput seen"
ok "top shows read throughput"

tzramctl --reset /dev/zram0 /dev/zram1 || fail "tzramctl --reset"
[ ! -e /sys/block/zram1 ] || fail "--reset did not hot_remove zram1"
rmmod tzram || fail "rmmod"

# native naming
modprobe tzram || fail "modprobe tzram"
tzramctl -s 32M -a lz4 /dev/tzram0 || fail "tzramctl -s on tzram0"
expect_eq "native listing" "$(tzramctl -n --raw -o NAME,DISKSIZE,ALGORITHM)" "/dev/tzram0 32M lz4"
err_one "zram name in native mode" "zram0: not a tzram device" tzramctl /dev/zram0
tzramctl --reset tzram0 || fail "reset tzram0"
rmmod tzram || fail "rmmod"
ok "tzramctl on real devices done"
