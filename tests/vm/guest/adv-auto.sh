# adv-auto: comp_algorithm "auto" (kmod/simd/tz_codec.c). Three devices get
# the same data (corpus pages, every 8th replaced by random bytes) with
# lz4, zstd and auto: all read back intact; auto_stat counts a choice per
# compressed page and stores the random ones raw (huge, no compression
# attempt); auto stores less than lz4 and within 2 % of zstd. auto also
# works as a recompression algorithm.
. /tests/lib.sh
. /tests/adv-lib.sh

modprobe tzram num_devices=3 || fail "modprobe tzram num_devices=3"
L=/sys/block/tzram0 Z=/sys/block/tzram1 U=/sys/block/tzram2
echo zstd >$Z/comp_algorithm || fail "zstd"
echo auto >$U/comp_algorithm || fail "auto"
expect_eq "comp_algorithm ($(cat $U/comp_algorithm))" "$(chosen_alg $U/comp_algorithm)" auto
case "$(cat $U/comp_algorithm)" in *" [auto] ") ;; *) fail "auto not last, after zram's names" ;; esac
expect_eq "auto_stat before init" "$(echo $(cat $U/auto_stat))" "0 0 0"
for d in $L $Z $U; do echo 16M >$d/disksize || fail "disksize $d"; done

adv_data 9
n=$(($(wc -c </tmp/data) / 4096))
nr=0
i=3
while [ $i -lt $n ]; do
	dd if=/dev/urandom of=/tmp/data bs=4096 seek=$i count=1 conv=notrunc 2>/dev/null
	nr=$((nr + 1)) i=$((i + 8))
done
echo "data: $n pages, $nr random"
for d in tzram0 tzram1 tzram2; do
	dd if=/tmp/data of=/dev/$d bs=64K oflag=direct 2>/dev/null || fail "write $d"
	dd if=/dev/$d of=/tmp/back bs=64K count=$((n / 16)) iflag=direct 2>/dev/null || fail "read $d"
	cmp /tmp/data /tmp/back || fail "$d: data differs"
	ok "$d ($(cat /sys/block/$d/comp_algorithm | grep -o '\[[a-z0-9]*\]')): $n pages intact"
done

set -- $(cat $U/auto_stat)
raw=$1 lz=$2 zs=$3
echo "auto_stat: raw $raw, lz4 $lz, zstd $zs"
same=$(field $U/mm_stat 6)
expect_eq "one choice per compressed page" $((raw + lz + zs)) $((n - same))
[ "$raw" -ge "$nr" ] || fail "raw $raw < $nr random pages"
expect_eq "raw pages are huge" "$(field $U/mm_stat 8)" "$raw"
cl=$(field $L/mm_stat 2) cz=$(field $Z/mm_stat 2) ca=$(field $U/mm_stat 2)
echo "compr_data_size: lz4 $cl, zstd $cz, auto $ca"
[ "$ca" -lt "$cl" ] || fail "auto ($ca) not smaller than lz4 ($cl)"
[ $((ca * 100)) -le $((cz * 102)) ] || fail "auto ($ca) more than 2 % over zstd ($cz)"
ok "auto stores $ca bytes: lz4 $cl, zstd $cz"

# auto as a recompression algorithm of an lz4 device.
echo 1 >$L/reset || fail "reset"
echo "algo=auto priority=1" >$L/recomp_algorithm || fail "recomp auto"
echo 16M >$L/disksize || fail "disksize"
dd if=/tmp/data of=/dev/tzram0 bs=64K oflag=direct 2>/dev/null || fail "write"
c0=$(field $L/mm_stat 2)
echo all >$L/idle && echo type=idle >$L/recompress || fail "recompress to auto"
c1=$(field $L/mm_stat 2)
[ "$c1" -lt "$c0" ] || fail "recompression to auto saved nothing ($c0 -> $c1)"
dd if=/dev/tzram0 of=/tmp/back bs=64K count=$((n / 16)) iflag=direct 2>/dev/null
cmp /tmp/data /tmp/back || fail "data differs after recompression to auto"
ok "recompressed to auto: $c0 -> $c1 bytes, data intact"

for d in tzram0 tzram1 tzram2; do echo 1 >/sys/block/$d/reset || fail "reset $d"; done
rmmod tzram || fail "rmmod"
ok "unloaded"
