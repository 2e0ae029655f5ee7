# dev-compat: zram_compat=1 gives zram's names, so util-linux zramctl and
# zram-generator work unmodified; it refuses to load next to stock zram.
. /tests/lib.sh

modprobe zram || fail "modprobe zram (stock)"
expect_fail "zram_compat load next to stock zram" modprobe tzram zram_compat=1
dmesg | grep -q 'tzram: zram_compat=1: stock zram is loaded' || fail "no clear message"
ok "clear refusal message"
rmmod zram || fail "rmmod zram"

modprobe tzram zram_compat=1 num_devices=0 || fail "modprobe tzram zram_compat=1"
[ -d /sys/class/zram-control ] || fail "/sys/class/zram-control missing"
dev=$(zramctl --find --size 64M --algorithm lz4) || fail "zramctl --find"
expect_eq "zramctl --find" "$dev" /dev/zram0
zramctl --output-all
line=$(zramctl --noheadings --raw --output NAME,DISKSIZE,ALGORITHM /dev/zram0)
expect_eq "zramctl listing" "$line" "/dev/zram0 64M lz4"
dd if=/dev/urandom of=/tmp/r bs=4096 count=256 2>/dev/null
dd if=/tmp/r of=/dev/zram0 bs=4096 oflag=direct 2>/dev/null || fail "write"
dd if=/dev/zero of=/dev/zram0 bs=4096 seek=256 count=256 oflag=direct 2>/dev/null
zramctl --output-all --bytes
data=$(zramctl --noheadings --raw --bytes --output DATA,ZERO-PAGES /dev/zram0)
expect_eq "zramctl DATA ZERO-PAGES" "$data" "2097152 256"
zramctl --reset /dev/zram0 || fail "zramctl --reset"
# util-linux resets, then hot_removes the device when the control allows.
[ ! -e /sys/block/zram0 ] || expect_eq "initstate after zramctl --reset" "$(cat /sys/block/zram0/initstate)" 0
ok "zramctl --reset"
[ -e /sys/block/zram0 ] || expect_eq "hot_add" "$(cat /sys/class/zram-control/hot_add)" 0

mkdir -p /etc/systemd
printf '[zram0]\nzram-size = 32\ncompression-algorithm = lz4\n' >/etc/systemd/zram-generator.conf
stand_in_makefs
zram-generator --setup-device zram0 || fail "zram-generator --setup-device zram0"
expect_eq "disksize by zram-generator" "$(cat /sys/block/zram0/disksize)" 33554432
expect_eq "algorithm" "$(chosen_alg /sys/block/zram0/comp_algorithm)" lz4
swapon /dev/zram0 || fail "swapon zram0 as set up by zram-generator"
swapoff /dev/zram0 || fail "swapoff"
echo 1 >/sys/block/zram0/reset || fail "reset"
rmmod tzram || fail "rmmod"
ok "compat mode done"
