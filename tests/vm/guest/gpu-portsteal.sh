# gpu-portsteal: batches go to the helper's socket, never to its port id
# (issue 18 item 9). netlink_release() frees a socket's port before the
# NETLINK_URELEASE notifier ends the registration; run with
# plants/slow-urelease.sh, which makes that window 1.5 s, while self-test
# batches flow and an unprivileged socket spins to bind the freed port.
# Needs (run.sh --bin): gpu_nltest.
. /tests/lib.sh

D=/sys/kernel/debug/tzram-gpu
command -v gpu_nltest >/dev/null || fail "gpu_nltest not in the guest (run.sh --bin)"
modprobe tzram || fail "modprobe tzram"
gpu_nltest portsteal || fail "a batch reached the socket that took the helper's port"
expect_eq "registered helper afterwards" "$(gpu_nltest pid)" 0
grep -E '^(batches|fallback_send|fallback_death|fallback_timeout) ' $D/stat | tr '\n' ' '
echo
rmmod tzram || fail "rmmod tzram"
ok "module unloaded"
