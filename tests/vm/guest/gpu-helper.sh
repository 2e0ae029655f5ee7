# gpu-helper: tzram-helper (CPU backend) serves batches over generic
# netlink; the kernel verifies them and falls back to its CPU on helper
# death (SIGKILL mid-stream), timeout, wrong bytes, malformed replies.
# Needs (run.sh --bin): tzram-helper, gpu_nltest.
. /tests/lib.sh
. /tests/gpu-lib.sh

D=/sys/kernel/debug/tzram-gpu
TO=400		# batch timeout used by the self-tests, ms
SLACK=150	# allowed on top of it (message build, verification; TCG)
command -v tzram-helper >/dev/null || fail "tzram-helper not in the guest (run.sh --bin)"
command -v gpu_nltest >/dev/null || fail "gpu_nltest not in the guest (run.sh --bin)"
modprobe tzram || fail "modprobe tzram"
[ -w $D/selftest ] || fail "no $D/selftest"

st() { awk -v k="$1" '$1 == k {print $2}' $D/stat; }
# selftest N: one batch of N generated pages; must verify byte for byte.
selftest() {
	echo "$1 $TO" >$D/selftest || { cat $D/selftest; fail "self-test of $1 pages"; }
	r=$(cat $D/selftest)
	echo "  $r"
	w=$(echo "$r" | awk '{for (i = 1; i < NF; i++) if ($i == "wait_ms") print $(i + 1)}')
	[ "$w" -le $((TO + SLACK)) ] || fail "a batch waited $w ms (timeout $TO)"
}
served() { cat $D/selftest | awk '{print $4}'; }

# No helper: everything decoded by the CPU, counted.
selftest 16
expect_eq "pages served without a helper" "$(served)" 0
[ "$(st fallback_nohelper)" -ge 1 ] || fail "fallback_nohelper not counted"
ok "no helper: CPU fallback counted"

# Registered: the batch is served through the helper and verified.
start_helper --backend auto
grep -q "cpu backend" /tmp/helper.log || fail "auto did not pick the cpu backend without a GPU"
selftest 64
expect_eq "pages served by the helper" "$(served)" 64
[ "$(st pages)" -ge 64 ] && [ "$(st batches)" -ge 1 ] || fail "pages/batches not counted"
selftest 256
expect_eq "pages served (largest batch)" "$(served)" 256
dmesg_has "gpu helper pid $hp registered" || fail "no registration message"

# Idle for 7 s: the helper checks its registration every 2 s (over its
# control socket). It must stay registered, once, and serve the next batch
# (its control socket once fell out of step with the kernel's answers: it
# dropped its registration and ignored batches for seconds).
sleep 7
selftest 64
expect_eq "pages served after 7 s idle" "$(served)" 64
expect_eq "registrations of the helper" "$(dmesg | grep -c "gpu helper pid $hp registered")" 1

# Unprivileged: EPERM for every command. Malformed input: refused, harmless.
gpu_nltest eperm || fail "unprivileged commands not refused with EPERM"
gpu_nltest malformed || fail "malformed messages"
selftest 32
expect_eq "pages served after the malformed messages" "$(served)" 32

# SIGKILL in the middle of a stream of reads: all correct, none late.
( sleep 1; kill -9 $hp ) &
killer=$!
i=0 after=0
while [ $after -lt 5 ]; do
	selftest 64
	i=$((i + 1))
	[ "$(gpu_nltest pid)" = 0 ] && after=$((after + 1))
	[ $i -lt 300 ] || fail "the helper never went away"
done
wait $killer
wait $hp 2>/dev/null || true
dmesg_has "gpu helper pid $hp unregistered \(socket closed\)" || fail "death not noticed"
ok "SIGKILL during a stream of $i batches: all correct, each within the timeout"

# SIGKILL while the helper holds a batch: the read ends at its death, not
# at its timeout. (A 5 s timeout: the kernel releases a dying process's
# socket after tearing down its memory, which can take a second under
# TCG on a busy host - and must still come first.)
d0=$(st fallback_death)
start_helper --backend cpu --test-delay-ms 4000
echo "64 5000" >$D/selftest &
sp=$!
sleep 0.5
kill -9 $hp
wait $sp || fail "self-test during helper death"
cat $D/selftest
expect_eq "pages served by a helper killed mid-batch" "$(served)" 0
[ "$(st fallback_death)" -gt "$d0" ] || fail "death mid-batch not counted"
w=$(awk '{for (i = 1; i < NF; i++) if ($i == "wait_ms") print $(i + 1)}' $D/selftest)
[ "$w" -lt 4000 ] || fail "the batch waited $w ms: not ended by the death"
wait $hp 2>/dev/null || true
ok "SIGKILL mid-batch: CPU fallback at once, counted as death"

# Restart: registers again and serves.
start_helper --backend cpu
selftest 64
expect_eq "pages served after restart" "$(served)" 64

# SIGTERM: clean unregistration.
kill -TERM $hp
wait $hp || fail "helper exit status $? on SIGTERM"
dmesg_has "gpu helper pid $hp unregistered \(on request\)" || fail "no unregistration on SIGTERM"
expect_eq "registered helper after SIGTERM" "$(gpu_nltest pid)" 0

# Wrong bytes on purpose: caught by the checksum, decoded by the CPU.
c0=$(st fallback_checksum)
start_helper --backend cpu --test-corrupt
selftest 64
expect_eq "pages accepted from a corrupting helper" "$(served)" 0
[ $(($(st fallback_checksum) - c0)) -eq 64 ] || fail "checksum failures: $(($(st fallback_checksum) - c0)), want 64"
ok "corrupted pages caught by the checksum"
kill -TERM $hp; wait $hp

# A helper slower than the timeout: the read does not wait for it.
t0=$(st fallback_timeout)
start_helper --backend cpu --test-delay-ms $((TO * 3))
selftest 64
expect_eq "pages served by a late helper" "$(served)" 0
[ "$(st fallback_timeout)" -gt "$t0" ] || fail "timeout not counted"
ok "late helper: timed out at $TO ms, CPU fallback"
kill -TERM $hp; wait $hp

# A fake helper answering malformed and unknown results.
m0=$(st fallback_malformed)
gpu_nltest fakehelper || fail "fake helper checks"
[ "$(st fallback_malformed)" -gt "$m0" ] || fail "malformed result not counted"
cat $D/stat
rmmod tzram || fail "rmmod tzram"
ok "module unloaded"
