# rel-gpu: the GPU helper's trust boundary and health (issue 18 items 2, 4
# and 6), on the debug kernel with kmemleak:
#  - CAP_NET_ADMIN alone cannot register (nor answer); a helper returning
#    forged pages with the real pages' XXH64 is caught by the keyed tag;
#  - a helper that fails every page is backed off and measured at 0 (not
#    "unmeasured": its claimed speed no longer counts);
#  - one declaring LZ4 only gets no batch from a zstd device; one declaring
#    32 pages gets batches of 32; one that never reads costs a timeout, one
#    killed mid-batch ends the batch at once;
#  - pages it serves are reads: IDLE cleared (writeback idle moves none);
#  - reset, hot_remove and rmmod during a stalled batch are refused
#    (device open) and work afterwards;
#  - kmemleak: no new unreferenced object after all of it.
# Needs (run.sh --bin): tzram-helper, gpu_nltest; --append kmemleak=on.
. /tests/lib.sh
. /tests/gpu-lib.sh

D=/sys/kernel/debug/tzram-gpu
K=/sys/kernel/debug/kmemleak
A=/sys/block/tzram0 Z=/sys/block/tzram1
# Generous: TCG on a busy host can starve the guest for seconds (the
# bound on a read's wait is gpu-dev.sh's to check, on Debian's kernels).
case "$(uname -r)" in
*-amd64) TO=5000 SLACK=2000 ;;
*) TO=10000 SLACK=60000 ;;	# debug kernel: KASAN on top
esac
MAXMS=$((TO + SLACK))
MB=2			# 512 pages, 5/8 stored compressed
NC=$((MB * 256 * 5 / 8))
READS=$((MB * 256 / 64))	# 64-page reads per pass
command -v tzram-helper >/dev/null || fail "tzram-helper not in the guest (run.sh --bin)"
command -v gpu_nltest >/dev/null || fail "gpu_nltest not in the guest (run.sh --bin)"
# kmemleak: required on the debug kernel (booted with kmemleak=on).
leak=0
if [ -w $K ]; then
	leak=1
	echo scan >$K
	echo clear >$K	# only what happens from here on counts
else
	case "$(uname -r)" in
	*-amd64) echo "kmemleak: not in this kernel: leak check skipped" ;;
	*) fail "no $K (boot with kmemleak=on)" ;;
	esac
fi
if [ -e /sys/module/tzram ]; then	# a test before failed: its helper too?
	p=$(gpu_nltest pid 2>/dev/null || echo 0)
	[ "$p" = 0 ] || kill -9 "$p" 2>/dev/null || true
	rmmod tzram || fail "rmmod tzram left by a test before"
fi
modprobe tzram num_devices=2 gpu_route=2 || fail "modprobe tzram"
R=/sys/module/tzram/parameters/gpu_route

ds() { awk -v k="$2" '$1 == k {print $2}' $1/gpu_stat; }
gs() { awk -v k="$1" '$1 == k {print $2}' $D/stat; }
stop_helper() { kill -TERM $hp; wait $hp || fail "helper exit status $?"; }
# dread DEV NPAGES PASSES: read the test data back from DEV, verified.
dread() {
	r=$(/progs/gpu_dread read $1 /tmp/ref "$2" "$3" $MAXMS) ||
		fail "$1: reads of $2 pages: wrong data, an error or slower than $MAXMS ms"
	echo "  $1 $2-page reads: $r"
}
# dpass SYSDIR DEV: one pass of 64-page reads whose counters are to be
# exact, from b0 and p0 (batches, pages) taken just before it. If a batch
# timed out in it (a TCG guest starved by a busy host), the pass is read
# again after the backoff (up to 3 times) and the first pass without a
# timeout counts.
dpass() {
	local t0 try=0
	while :; do
		t0=$(ds $1 fallback_timeout) b0=$(ds $1 batches) p0=$(ds $1 pages)
		dread $2 64 1
		[ "$(ds $1 fallback_timeout)" = "$t0" ] && return
		try=$((try + 1))
		[ $try -le 3 ] || { tail -20 /tmp/helper.log; fail "$2: batches timed out in 4 passes"; }
		echo "  a batch timed out (starved guest?): reading again"
		sleep 1
	done
}

# ---- trust: who may serve, and what it may return ----
gpu_nltest netadmin || fail "CAP_NET_ADMIN alone could act as the helper"
c0=$(gs fallback_checksum)
gpu_nltest forge 16 || fail "forged pages (same XXH64) were accepted"
expect_eq "forged pages caught by the tag" $(($(gs fallback_checksum) - c0)) 16

# ---- devices: tzram0 lz4 with a backing device, tzram1 zstd ----
/progs/gpu_dread gen /tmp/ref $MB || fail "test data"
truncate -s 32M /tmp/bd.img || fail "backing file"
modprobe loop 2>/dev/null
LOOP=$(losetup -f) && losetup $LOOP /tmp/bd.img || fail "losetup"
echo $LOOP >$A/backing_dev || fail "backing_dev"
echo zstd >$Z/comp_algorithm || fail "zstd"
for d in $A $Z; do
	# Pages in multi-page units are read on the CPU: one page each here.
	echo 1 >$d/unit_max_pages || fail "unit_max_pages 1"
	echo $TO >$d/gpu_timeout_ms || fail "gpu_timeout_ms"
	echo 32M >$d/disksize || fail "disksize"
done
dd if=/tmp/ref of=/dev/tzram0 bs=1M oflag=direct status=none || fail "write tzram0"
dd if=/tmp/ref of=/dev/tzram1 bs=1M oflag=direct status=none || fail "write tzram1"

# ---- item 6: pages the helper serves are reads ----
start_helper --backend cpu
echo all >$A/idle || fail "idle all"
dpass $A /dev/tzram0
expect_eq "pages served" $(($(ds $A pages) - p0)) $NC
echo idle >$A/writeback || fail "writeback idle"
expect_eq "pages written back as idle after being read" "$(awk '{print $1}' $A/bd_stat)" 0

# ---- item 4: declared algorithms and page limit ----
dpass $Z /dev/tzram1
expect_eq "zstd device: served by a helper declaring both" $(($(ds $Z batches) - b0)) $READS
stop_helper
start_helper --backend cpu --algs lz4
b0=$(ds $Z batches)
dread /dev/tzram1 64 1
expect_eq "zstd device: batches to an LZ4-only helper" $(($(ds $Z batches) - b0)) 0
dpass $A /dev/tzram0
expect_eq "lz4 device: batches to an LZ4-only helper" $(($(ds $A batches) - b0)) $READS
stop_helper
start_helper --backend cpu --max-pages 32
dpass $A /dev/tzram0
expect_eq "batches of a helper taking 32 pages" $(($(ds $A batches) - b0)) $((2 * READS))
expect_eq "pages it served" $(($(ds $A pages) - p0)) $NC
stop_helper

# ---- item 4: a helper that serves nothing ----
start_helper --backend cpu --test-fail-all --test-claim-mbps 1000000
echo 1 >$R
b0=$(ds $A batches)
dread /dev/tzram0 64 3
n=$(($(ds $A batches) - b0))
echo "  auto routing, helper failing everything: $n batches for $((3 * READS)) reads"
[ $n -ge 1 ] && [ $n -le 2 ] || fail "auto: $n batches to a helper that serves nothing (want 1 or 2)"
expect_eq "its measured rate" "$(gs helper_mbps)" 0
echo 2 >$R
b0=$(ds $A batches)
dread /dev/tzram0 64 3
n=$(($(ds $A batches) - b0))
echo "  always routing: $n batches for $((3 * READS)) reads"
[ $((2 * n)) -le $((3 * READS)) ] || fail "always: $n batches, not backed off"
stop_helper	# (a new registration starts without backoff)

# ---- a helper that never reads; one killed with batches outstanding ----
start_helper --backend cpu --test-no-read
echo 500 >$A/gpu_timeout_ms
MAXMS=$((500 + SLACK))
t0=$(ds $A fallback_timeout)
dread /dev/tzram0 64 1
[ "$(ds $A fallback_timeout)" -gt "$t0" ] || fail "no timeout counted"
stop_helper
echo $TO >$A/gpu_timeout_ms
MAXMS=$((TO + SLACK))
start_helper --backend cpu --test-delay-ms 10000
d0=$(ds $A fallback_death)
/progs/gpu_dread read /dev/tzram0 /tmp/ref 64 1 $MAXMS >/tmp/stream.out 2>&1 &
rp=$!
sleep 1
kill -9 $hp
wait $rp || { cat /tmp/stream.out; fail "reads across the helper's death"; }
wait $hp 2>/dev/null || true
[ "$(ds $A fallback_death)" -gt "$d0" ] || fail "death with a batch outstanding not counted"
ok "killed with a batch outstanding: $(cat /tmp/stream.out)"

# ---- reset, hot_remove, rmmod during a stalled batch ----
start_helper --backend cpu --test-delay-ms 2500
/progs/gpu_dread read /dev/tzram0 /tmp/ref 64 1 $MAXMS >/tmp/stall.out 2>&1 &
rp=$!
sleep 1
expect_fail "reset during a stalled batch (device open)" sh -c "echo 1 >$A/reset"
expect_fail "hot_remove during a stalled batch (device open)" \
	sh -c "echo 0 >/sys/class/tzram-control/hot_remove"
expect_fail "rmmod during a stalled batch" rmmod tzram
wait $rp || { cat /tmp/stall.out; fail "reads during the stalled batch"; }
stop_helper
echo 1 >$A/reset || fail "reset afterwards"
echo 1 >$Z/reset || fail "reset tzram1"
echo 1 >/sys/class/tzram-control/hot_remove || fail "hot_remove afterwards"
losetup -d $LOOP || fail "loop device still held after reset"
cat $D/stat | tr '\n' ' '
echo

# ---- kmemleak: nothing new left unreferenced (two scans, as advised) ----
rmmod tzram || fail "rmmod tzram"
if [ $leak = 1 ]; then
	sleep 6		# objects younger than 5 s are not reported
	echo scan >$K
	echo scan >$K
	n=$(grep -c '^unreferenced object' $K || true)
	[ "$n" = 0 ] || { head -60 $K; fail "kmemleak: $n new unreferenced objects"; }
	ok "kmemleak: no new unreferenced object"
fi
