# dev-swap: swap on a tzram device under memory pressure; a program fills
# more than the guest's RAM with known patterns and verifies every byte
# after it went out to swap and came back.
. /tests/lib.sh

modprobe tzram || fail "modprobe tzram"
dev=${TZ_DEV:-tzram0}
S=/sys/block/$dev
mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
fill_mb=$((mem_kb * 3 / 2 / 1024))
echo "${mem_kb} kB RAM; filling ${fill_mb} MiB"
echo $((fill_mb * 2))M >$S/disksize || fail "disksize"
mkswap /dev/$dev >/dev/null || fail "mkswap"
swapon /dev/$dev || fail "swapon"
grep -q "/dev/$dev" /proc/swaps || fail "not in /proc/swaps"
ok "swapon /dev/$dev"
out0=$(awk '/^pswpout/ {print $2}' /proc/vmstat)
in0=$(awk '/^pswpin/ {print $2}' /proc/vmstat)
/progs/memfill "$fill_mb" 1 || fail "memfill: data lost through swap"
pout=$(($(awk '/^pswpout/ {print $2}' /proc/vmstat) - out0))
pin=$(($(awk '/^pswpin/ {print $2}' /proc/vmstat) - in0))
echo "pages swapped out: $pout, in: $pin"
[ "$pout" -gt $((fill_mb * 256 / 4)) ] && [ "$pin" -gt $((fill_mb * 256 / 4)) ] || fail "too little swapping: no real memory pressure"
ok "every byte verified after $pout page-outs and $pin page-ins"
set -- $(cat $S/mm_stat)
echo "mm_stat: $*"
echo "io_stat: $(cat $S/io_stat)"
echo "debug_stat: $(cat $S/debug_stat | tr '\n' ' ')"
swapped=$(awk '/SwapTotal/ {t=$2} /SwapFree/ {f=$2} END {print t - f}' /proc/meminfo)
echo "swap in use: $swapped kB"
[ "$5" -gt 0 ] && [ "$9" -gt 0 ] || fail "mm_stat shows no use"
expect_no_io_errors $S
swapoff /dev/$dev || fail "swapoff"
ok "swapoff"
expect_eq "orig_data_size after swapoff (the swap header page)" "$(awk '{print $1}' $S/mm_stat)" 4096
echo 1 >$S/reset || fail "reset"
rmmod tzram || fail "rmmod"
ok "unloaded"
