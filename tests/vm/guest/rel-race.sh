# rel-race: every sysfs attribute written and read while another process
# cycles disksize / write / reset CYCLES times (issue 18 item 5: reset
# re-initialised wb_limit_lock while writeback_limit writers held it; the
# debug kernel's spinlock and lockdep checks see such things). Then the
# device must still work: data written reads back.
. /tests/lib.sh

S=/sys/block/tzram0
CYCLES=8
modprobe tzram || fail "modprobe tzram"
head -c $((4 << 20)) /dev/urandom >/tmp/w4 || fail "data"
rm -f /tmp/stop
# hammer N: one writer loop (its errors are expected: busy, not initialised)
hammer() (
	set +e
	i=0
	while [ ! -e /tmp/stop ]; do
		case $1 in
		0)	echo $i >$S/writeback_limit
			echo $((i & 1)) >$S/writeback_limit_enable
			cat $S/writeback_limit $S/writeback_limit_enable ;;
		1)	echo 8M >$S/mem_limit
			echo 0 >$S/mem_used_max
			echo all >$S/idle
			echo 1 >$S/compact
			echo 64 >$S/gpu_min_pages
			echo 100 >$S/gpu_timeout_ms
			cat $S/mm_stat $S/io_stat $S/bd_stat $S/debug_stat $S/gpu_stat $S/auto_stat ;;
		2)	echo lz4 >$S/comp_algorithm
			echo "priority=0 level=1" >$S/algorithm_params
			echo algo=zstd >$S/recomp_algorithm
			echo type=huge >$S/recompress
			echo 2 >$S/max_comp_streams
			cat $S/comp_algorithm $S/recomp_algorithm $S/initstate $S/disksize \
				$S/backing_dev $S/max_comp_streams ;;
		esac >/dev/null 2>&1
		i=$((i + 1))
	done
	echo "$1 $i" >>/tmp/hammered
)
rm -f /tmp/hammered
for h in 0 1 2; do
	hammer $h &
done
(
	set +e
	n=0
	while [ $n -lt $CYCLES ]; do
		echo 16M >$S/disksize
		dd if=/tmp/w4 of=/dev/tzram0 bs=1M oflag=direct 2>/dev/null
		echo 1 >$S/reset
		n=$((n + 1))
	done
	echo "resets $n" >>/tmp/hammered
	touch /tmp/stop
) &
wait
echo "  iterations: $(tr '\n' ' ' </tmp/hammered)"

# The device afterwards: settings as a reset left them, data intact.
echo 1 >$S/reset 2>/dev/null
echo 0 >$S/writeback_limit_enable || fail "writeback_limit_enable"
expect_eq "writeback_limit_enable" "$(cat $S/writeback_limit_enable)" 0
echo 16M >$S/disksize || fail "disksize after the races"
dd if=/tmp/w4 of=/dev/tzram0 bs=1M oflag=direct status=none || fail "write"
dd if=/dev/tzram0 of=/tmp/r4 bs=1M count=4 iflag=direct status=none || fail "read"
cmp -s /tmp/w4 /tmp/r4 || fail "data read back differs"
ok "device works after $CYCLES reset cycles raced by sysfs writes"
echo 1 >$S/reset || fail "reset"
rmmod tzram || fail "rmmod"
