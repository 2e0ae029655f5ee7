# demo: the README's main job inside a VM, narrated step by step.
. /tests/lib.sh

say() { echo; echo "demo> $*"; }
ko=/lib/modules/$(uname -r)/extra/tzram.ko
say "kernel $(uname -r); module file $ko"
modinfo "$ko" | grep -E '^(version|license|description|vermagic):'
say "modprobe tzram"
modprobe tzram || fail "modprobe tzram"
say "the kernel log says:"
dmesg | grep 'tzram:' | tail -n 3
say "/sys/module/tzram/version: $(cat /sys/module/tzram/version)"
say "lsmod:"
lsmod | grep -E '^(Module|tzram)'
say "rmmod tzram"
rmmod tzram || fail "rmmod tzram"
dmesg | grep 'tzram:' | tail -n 1
[ ! -e /sys/module/tzram ] || fail "module still present"
say "done: tzram loaded, reported its version and unloaded cleanly"
