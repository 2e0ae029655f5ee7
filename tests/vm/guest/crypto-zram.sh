# crypto-zram: stock zram (6.1 allocates its compressor with
# crypto_alloc_comp) picks our legacy "comp" lz4 over the generic one;
# data written through it reads back intact; our counters move; rmmod
# tzram is refused while zram holds the transform, then succeeds.
. /tests/lib.sh
. /tests/crypto-lib.sh

modprobe lz4 || fail "generic lz4 crypto module"
modprobe tzram || fail "modprobe tzram"
expect_registered lz4-tzram
expect_registered lz4-tzram-comp
[ -n "$(proc_crypto_driver lz4-generic selftest)" ] || fail "lz4-generic not registered: priority would not be tested"
ok "lz4-generic is registered beside ours"

modprobe zram num_devices=1 || fail "modprobe zram"
echo lz4 >/sys/block/zram0/comp_algorithm || fail "zram comp_algorithm lz4"
echo 64M >/sys/block/zram0/disksize || fail "zram disksize"
c0=$(crypto_field lz4 comp_calls)
d0=$(crypto_field lz4 decomp_calls)
# 16 MiB of text: compressible, not same-filled, so every page compresses.
seq 1 2400000 | head -c 16777216 >/tmp/data
dd if=/tmp/data of=/dev/zram0 bs=1M oflag=direct status=none || fail "write to zram0"
dd if=/dev/zram0 of=/tmp/back bs=1M count=16 iflag=direct status=none || fail "read zram0"
cmp /tmp/data /tmp/back || fail "zram0 data differs"
ok "16 MiB through stock zram with lz4 read back intact"
c1=$(crypto_field lz4 comp_calls)
d1=$(crypto_field lz4 decomp_calls)
# zram compresses every page that is not same-filled, and decompresses on
# read every page it stored compressed (huge pages are stored raw).
set -- $(cat /sys/block/zram0/mm_stat)
echo "zram0 mm_stat: $*"
pages=$(($1 / 4096)) same=$6 huge=$8
expect_eq "zram0 pages stored" "$pages" 4096
[ "$((c1 - c0))" -ge "$((pages - same))" ] || fail "lz4 comp_calls moved by $((c1 - c0)), want >= $((pages - same))"
expect_eq "lz4 decompressions for the read-back" "$((d1 - d0))" "$((pages - same - huge))"
ok "our lz4 counters moved: $((c1 - c0)) compressions, $((d1 - d0)) decompressions"
grep . /sys/kernel/tzram/crypto_stat

expect_fail "rmmod tzram while zram holds our transform" rmmod tzram
grep -q '^tzram ' /proc/modules || fail "tzram gone although in use"
echo 1 >/sys/block/zram0/reset
rmmod zram || fail "rmmod zram"
rmmod tzram || fail "rmmod tzram after zram released it"
ok "rmmod tzram succeeds once zram is gone"

# crypto=0: nothing registered, the counters file says so, lz4 is generic.
modprobe tzram crypto=0 || fail "modprobe tzram crypto=0"
[ -z "$(proc_crypto_driver lz4-tzram driver)" ] || fail "lz4-tzram registered with crypto=0"
[ -z "$(proc_crypto_driver lz4-tzram-comp driver)" ] || fail "lz4-tzram-comp registered with crypto=0"
expect_eq "crypto_stat lines with crypto=0" "$(wc -l </sys/kernel/tzram/crypto_stat 2>/dev/null || echo 1)" 1
rmmod tzram || fail "rmmod tzram (crypto=0)"
ok "crypto=0 registers nothing"
