# dropin-zram: with the drop-in installed (make install-zram-dropin into
# this guest's root: run.sh --host-setup scripts/zram-dropin-vm-stage.sh),
# `modprobe zram num_devices=2` loads tzram in zram-compat mode and
# util-linux zramctl and zram-generator --setup-device work unmodified;
# uninstalling restores stock zram.
. /tests/lib.sh

# The guest's sh runs busybox applets first and its /sbin/modprobe is
# busybox's, which ignores modprobe.d install rules (and /init ran
# busybox's depmod): use kmod's, as a real system does.
ln -sf /usr/local/bin/kmod /sbin/modprobe
/usr/local/bin/depmod -a || fail "depmod (kmod)"
modprobe() { /sbin/modprobe "$@"; }
conf=/etc/modprobe.d/tzram-zram-dropin.conf
[ -f $conf ] || fail "$conf not installed"
cat $conf
# a test before this one may have left tzram loaded: start from stock state
swapoff -a 2>/dev/null || true
[ ! -d /sys/module/tzram ] || rmmod tzram || fail "tzram loaded and busy"
modprobe zram num_devices=2 || fail "modprobe zram num_devices=2"
[ -d /sys/module/tzram ] || fail "modprobe zram did not load tzram"
[ ! -d /sys/module/zram ] || fail "stock zram loaded despite the drop-in"
expect_eq "zram_compat" "$(cat /sys/module/tzram/parameters/zram_compat)" Y
expect_eq "num_devices mapped" "$(cat /sys/module/tzram/parameters/num_devices)" 2
[ -b /dev/zram0 ] && [ -b /dev/zram1 ] && [ -d /sys/class/zram-control ] || fail "zram0/zram1/zram-control missing"
ok "tzram serves /dev/zram0, /dev/zram1"
modprobe zram || fail "second modprobe zram (already loaded) must succeed"

dev=$(zramctl --find --size 64M --algorithm lz4) || fail "zramctl --find"
expect_eq "zramctl --find" "$dev" /dev/zram0
dd if=/dev/urandom of=/tmp/r bs=4096 count=128 2>/dev/null
dd if=/tmp/r of=/dev/zram0 bs=4096 oflag=direct 2>/dev/null || fail "write"
dd if=/dev/zram0 of=/tmp/b bs=4096 count=128 iflag=direct 2>/dev/null
cmp /tmp/r /tmp/b || fail "read back"
zramctl
expect_eq "zramctl row" "$(zramctl --noheadings --raw --bytes --output NAME,DISKSIZE,DATA,ALGORITHM /dev/zram0)" \
	"/dev/zram0 67108864 524288 lz4"
zramctl --reset /dev/zram0 || fail "zramctl --reset"
ok "zramctl find/list/reset"

mkdir -p /etc/systemd
printf '[zram1]\nzram-size = 48\ncompression-algorithm = lz4\n' >/etc/systemd/zram-generator.conf
stand_in_makefs
zram-generator --setup-device zram1 || fail "zram-generator --setup-device zram1"
expect_eq "disksize by zram-generator" "$(cat /sys/block/zram1/disksize)" $((48 << 20))
swapon /dev/zram1 || fail "swapon zram1"
grep -q '^/dev/zram1 ' /proc/swaps || fail "zram1 not in /proc/swaps"
swapoff /dev/zram1 || fail "swapoff"
echo 1 >/sys/block/zram1/reset
ok "zram-generator set up zram1 as swap"

modprobe -r zram || fail "modprobe -r zram"
[ ! -d /sys/module/tzram ] || fail "modprobe -r zram left tzram loaded"
ok "modprobe -r zram unloads tzram"

tzram-zram-dropin uninstall || fail "uninstall"
[ ! -e $conf ] || fail "$conf still there"
modprobe zram num_devices=1 || fail "modprobe zram (stock)"
[ -d /sys/module/zram ] && [ ! -d /sys/module/tzram ] || fail "stock zram not restored"
[ -b /dev/zram0 ] || fail "stock zram0 missing"
rmmod zram || fail "rmmod zram"
ok "uninstall restores stock zram"
