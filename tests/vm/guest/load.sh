# load: tzram.ko loads, says its version, shows up in sysfs, unloads cleanly.
. /tests/lib.sh

ver=$(tzram_version)
[ -n "$ver" ] || fail "modinfo found no version in tzram.ko"
modprobe tzram || fail "modprobe tzram failed"
grep -q '^tzram ' /proc/modules || fail "tzram not in /proc/modules"
ok "module loaded"
expect_eq "sysfs version" "$(cat /sys/module/tzram/version)" "$ver"
dmesg_has "tzram: version $ver loaded" || fail "no load banner in dmesg"
ok "load banner printed"
rmmod tzram || fail "rmmod tzram failed"
[ ! -e /sys/module/tzram ] || fail "/sys/module/tzram still present after rmmod"
dmesg_has "tzram: version $ver unloaded" || fail "no unload banner in dmesg"
ok "module unloaded"
# A second cycle catches state that the first unload left behind.
modprobe tzram && rmmod tzram || fail "second load/unload cycle failed"
ok "reload cycle"
