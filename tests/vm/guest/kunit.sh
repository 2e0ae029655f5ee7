# kunit: load tzram.ko on a KUnit kernel; its suites run at load and print
# KTAP to the console, which the host parses (tests/vm/ktap-check.sh).
. /tests/lib.sh

[ -d /sys/kernel/debug/kunit ] || grep -q kunit_ /proc/kallsyms || fail "kernel has no KUnit"
# The generic crypto drivers first: the crypto suite checks that "lz4" and
# "zstd" resolve to ours by priority, not because nothing else is there.
modprobe lz4 && modprobe zstd || fail "generic lz4/zstd crypto modules"
echo "TZVM-KTAP-BEGIN"
# modprobe: tzram.ko needs the kernel's compressors it links (lz4hc, zstd).
modprobe tzram || fail "modprobe tzram failed"
echo "TZVM-KTAP-END"
rmmod tzram || fail "rmmod failed"
ok "KUnit suites ran at load"
