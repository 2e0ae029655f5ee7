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
# Repeated cycles catch state that an unload left behind, and anything
# still pinning the module when modprobe returns (on 6.12 the crypto
# self-tests ran in the background: rmmod at once failed 1 time in 5).
i=0
while [ $i -lt 20 ]; do
	modprobe tzram || fail "load cycle $i: modprobe"
	rmmod tzram || fail "load cycle $i: rmmod right after modprobe refused (refcnt $(cat /sys/module/tzram/refcnt 2>/dev/null))"
	i=$((i + 1))
done
ok "20 load/unload cycles, each rmmod right after modprobe"
