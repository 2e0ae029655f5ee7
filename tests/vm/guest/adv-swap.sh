# adv-swap: swap on tzram with a backing device (a virtio disk, as a
# partition would be: run with --disk) and a recompression algorithm.
# While a program fills more than the guest's RAM with known patterns
# and verifies every byte (2 passes), a loop marks pages idle, writes
# them back and recompresses them: swapped pages come back from zsmalloc,
# from the recompression algorithm and from the backing device (->rw_page
# on 6.1, bios on 6.12; reads through a worker) under memory pressure.
. /tests/lib.sh

modprobe virtio_pci 2>/dev/null
modprobe virtio_blk 2>/dev/null
for i in 1 2 3 4 5; do [ -b /dev/vda ] && break; sleep 1; done
[ -b /dev/vda ] || fail "no /dev/vda (run with --disk)"
modprobe tzram || fail "modprobe tzram"
S=/sys/block/tzram0
mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
fill_mb=$((mem_kb * 5 / 4 / 1024))
echo "${mem_kb} kB RAM; filling ${fill_mb} MiB"
echo /dev/vda >$S/backing_dev || fail "backing_dev /dev/vda"
echo "algo=zstd" >$S/recomp_algorithm || fail "recomp_algorithm"
echo $((fill_mb * 2))M >$S/disksize || fail "disksize"
# At most 2000 pages per pass each way: under TCG a synchronous page
# write to the disk is slow, and the point is the mix, not the volume.
echo 1 >$S/writeback_limit_enable || fail "writeback_limit_enable"
mkswap /dev/tzram0 >/dev/null || fail "mkswap"
swapon /dev/tzram0 || fail "swapon"
in0=$(awk '/^pswpin/ {print $2}' /proc/vmstat)

/progs/memfill "$fill_mb" 2 >/tmp/memfill.out 2>&1 &
pid=$!
passes=0
while kill -0 $pid 2>/dev/null; do
	sleep 1
	# Errors are expected (-EIO at the limit, -EAGAIN); the run is sh -e.
	echo all >$S/idle 2>/dev/null || :
	echo 2000 >$S/writeback_limit
	echo idle >$S/writeback 2>/dev/null || :
	echo "type=idle max_pages=2000" >$S/recompress 2>/dev/null || :
	passes=$((passes + 1))
done
wait $pid || { cat /tmp/memfill.out; fail "memfill: data lost through swap"; }
pin=$(($(awk '/^pswpin/ {print $2}' /proc/vmstat) - in0))
set -- $(cat $S/bd_stat)
echo "$passes post-processing passes; page-ins $pin; bd_stat $*; mm_stat $(cat $S/mm_stat)"
[ "$3" -gt 0 ] || fail "nothing written back"
[ "$2" -gt 0 ] || fail "nothing read from the backing device"
ok "every byte verified: $3 pages written back, $2 read back from /dev/vda"
expect_no_io_errors $S
swapoff /dev/tzram0 || fail "swapoff"
expect_eq "backing blocks after swapoff (the swap header's at most)" \
	"$(($(awk '{print $1}' $S/bd_stat) <= 1))" 1
echo 1 >$S/reset || fail "reset"
rmmod tzram || fail "rmmod"
ok "unloaded"
