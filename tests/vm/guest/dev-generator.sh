# dev-generator: zram-generator sets up stock zram, then tzram in zram
# compat mode (the drop-in), from one configuration with a recompression
# algorithm and a writeback device; every attribute stock zram has reads
# back the same on tzram (its list with tzram's "auto" after zram's), and
# the generator says the same about each. (Debian 12's
# zram-generator 1.1.2 writes compression-algorithm whole to
# comp_algorithm; both refuse "lz4 zstd(level=9) (type=huge)" alike and
# keep their default, which zram_compat makes zram's.)
. /tests/lib.sh

mkdir -p /etc/systemd
printf '[zram0]\nzram-size = 48\ncompression-algorithm = lz4 zstd(level=9) (type=huge)\nwriteback-device = /dev/loop0\n' \
	>/etc/systemd/zram-generator.conf
stand_in_makefs
modprobe loop || true
truncate -s 64M /tmp/wb.img
losetup /dev/loop0 /tmp/wb.img || fail "losetup"

Z=/sys/block/zram0
# snapshot OUT: every attribute stock zram has (it ran first and wrote
# /tmp/attrs-list) that reads back a setting; tzram's own extras (auto in
# the list, recompression on a zram without it) left out.
snapshot() {
	for a in $(cat /tmp/attrs-list); do
		echo "$a: $(sed 's/ auto $/ /' $Z/$a 2>&1)"
	done
	set -- $(cat $Z/mm_stat)
	echo "mm_stat orig_data_size $1 same_pages $6 huge_pages $8"
	echo "swap signature: $(dd if=/dev/zram0 bs=1 skip=4086 count=10 2>/dev/null)"
}
# setup NAME MODPROBE-ARGS...: load, generate, record, reset, unload.
setup() {
	name=$1
	shift
	modprobe "$@" || fail "modprobe $*"
	[ -e $Z ] || echo 0 >/sys/class/zram-control/hot_add
	if [ ! -e /tmp/attrs-list ]; then
		for a in disksize initstate comp_algorithm backing_dev max_comp_streams \
			writeback_limit writeback_limit_enable recomp_algorithm; do
			[ -r $Z/$a ] && echo $a
		done >/tmp/attrs-list
	fi
	# mkswap's random UUID is the one line that may differ.
	zram-generator --setup-device zram0 >/tmp/gen-raw 2>&1 || { cat /tmp/gen-raw; fail "$name: zram-generator"; }
	grep -v '^UUID=' /tmp/gen-raw >/tmp/gen-$name.out
	snapshot >/tmp/attrs-$name
	cat /tmp/gen-$name.out /tmp/attrs-$name
	zram-generator --reset-device zram0 >/dev/null 2>&1 || fail "$name: zram-generator --reset-device"
	expect_eq "$name: backing device released" "$(cat $Z/backing_dev)" none
	rmmod $1 || fail "rmmod $1"
}
setup zram zram
setup tzram tzram zram_compat=1
grep -q 'backing_dev: /dev/loop0' /tmp/attrs-zram || fail "zram-generator set no writeback device"
cmp /tmp/gen-zram.out /tmp/gen-tzram.out || { diff /tmp/gen-zram.out /tmp/gen-tzram.out; fail "generator output differs"; }
ok "zram-generator said the same for both"
cmp /tmp/attrs-zram /tmp/attrs-tzram || { diff /tmp/attrs-zram /tmp/attrs-tzram; fail "attributes differ"; }
ok "every attribute reads back the same: $(tr '\n' ';' </tmp/attrs-tzram)"
losetup -d /dev/loop0 || fail "loop device still held"
