#!/bin/bash
# Self-test of the harness's judges on synthetic console logs: judge.sh and
# ktap-check.sh must pass good runs and fail every kind of bad one.
set -u
vm=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0

# expect RC CMD...: CMD must exit with status RC (0 or 1).
expect() {
	local want=$1 got
	shift
	"$@" >"$tmp/out" 2>&1
	got=$?
	n=$((n + 1))
	if [ "$got" != "$want" ]; then
		bad=$((bad + 1))
		echo "selftest: '$*' exited $got, want $want:"
		sed 's/^/  /' "$tmp/out"
	fi
}

good='[    1.000000] tzram: version 0.1.0 loaded
TZVM-TEST load: PASS
TZVM-RESULT: PASS'
echo "$good" >"$tmp/good"
expect 0 "$vm/judge.sh" "$tmp/good"
# Debug-kernel boot banners are not reports.
printf '[    0.9] rcu: \tRCU lockdep checking is enabled.\n[    0.1] kasan: KernelAddressSanitizer initialized (generic)\n%s\n' "$good" >"$tmp/banners"
expect 0 "$vm/judge.sh" "$tmp/banners"
for planted in 'WARNING: CPU: 0 PID: 1 at kmod/main.c:15 tzram_init' \
	'BUG: KASAN: slab-out-of-bounds in tz_lz4_decompress' \
	'BUG: sleeping function called from invalid context' \
	'BUG: scheduling while atomic: insmod/1/0x00000002' \
	'WARNING: possible circular locking dependency detected' \
	'UBSAN: shift-out-of-bounds in kmod/parse.c:10' \
	'Kernel panic - not syncing: Fatal exception' \
	'Oops: 0000 [#1] PREEMPT SMP'; do
	printf '%s\n[    2.0] %s\n' "$good" "$planted" >"$tmp/bad"
	expect 1 "$vm/judge.sh" "$tmp/bad"
done
# The kernel's allocation-failure report under memory pressure is not a
# failure, unless its stack names tzram.
alloc='[    7.8] kswapd0: page allocation failure: order:0, mode:0xc0de0(GFP_KERNEL)
[    7.8] Call Trace:
[    7.8]  <TASK>
[    7.8]  warn_alloc+0x166/0x1a0
[    7.8]  FRAME+0x18/0x70
[    7.8]  </TASK>'
printf '%s\n%s\n' "$(echo "$alloc" | sed 's/FRAME/swap_cluster_alloc_table/')" "$good" >"$tmp/alloc"
expect 0 "$vm/judge.sh" "$tmp/alloc"
printf '%s\n%s\n' "$(echo "$alloc" | sed 's/FRAME/tz_unit_alloc [tzram]/')" "$good" >"$tmp/alloc-ours"
expect 1 "$vm/judge.sh" "$tmp/alloc-ours"
# So is its report of an allocation that waited long for reclaim (TCG on a
# loaded host: sid72 dev-swap, "memfill: page allocation stall for 11 secs").
stall='[   18.5] memfill: page allocation stall for 11 secs: order:0, mode:0x140dca(GFP_HIGHUSER_MOVABLE)
[   18.5] Call Trace:
[   18.5]  <TASK>
[   18.5]  __alloc_pages_slowpath.constprop.0.cold+0x82/0x99
[   18.5]  FRAME+0x343/0x9a0
[   18.5] RIP: 0033:0x401659
[   18.5]  </TASK>'
printf '%s\n%s\n' "$(echo "$stall" | sed 's/FRAME/do_anonymous_page/')" "$good" >"$tmp/stall"
expect 0 "$vm/judge.sh" "$tmp/stall"
printf '%s\n%s\n' "$(echo "$stall" | sed 's/FRAME/tz_unit_alloc [tzram]/')" "$good" >"$tmp/stall-ours"
expect 1 "$vm/judge.sh" "$tmp/stall-ours"
printf 'TZVM-TEST load: FAIL\nTZVM-RESULT: FAIL\n' >"$tmp/failed"
expect 1 "$vm/judge.sh" "$tmp/failed"
printf '[    1.0] booting\n' >"$tmp/hung"
expect 1 "$vm/judge.sh" "$tmp/hung"

ktap_ok='[    3.1]     KTAP version 1
[    3.1]     # Subtest: tzram_a
[    3.1]     1..2
[    3.2]     ok 1 case_one
[    3.2]     ok 2 case_two # SKIP no AVX-512
[    3.3] ok 1 tzram_a'
echo "$ktap_ok" >"$tmp/k1"
expect 0 "$vm/ktap-check.sh" "$tmp/k1" tzram_a
expect 1 "$vm/ktap-check.sh" "$tmp/k1" tzram_a tzram_missing
sed 's/    ok 1 case_one/    not ok 1 case_one/; s/^\(.*\] \)ok 1 tzram_a/\1not ok 1 tzram_a/' "$tmp/k1" >"$tmp/k2"
expect 1 "$vm/ktap-check.sh" "$tmp/k2" tzram_a
# Crash mid-suite: header and one case, no suite result.
head -n 4 "$tmp/k1" >"$tmp/k3"
expect 1 "$vm/ktap-check.sh" "$tmp/k3" tzram_a
# A suite that reports ok with no cases ran nothing.
printf '    # Subtest: tzram_a\n    1..0\nok 1 tzram_a\n' >"$tmp/k4"
expect 1 "$vm/ktap-check.sh" "$tmp/k4" tzram_a

echo "harness scripts: $((n - bad)) of $n judge/KTAP cases behave"
[ "$bad" = 0 ]
