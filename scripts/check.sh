#!/bin/bash
# `make check`: the whole test suite. Runs every part (userspace builds and
# tests, then each VM run of tests/vm/plan.txt), prints one line per part
# and a final "N passed, N failed"; exits non-zero if any part failed.
# Full output of each part: build/check/PART.log.
#
# VM runs go CHECK_JOBS at a time (default: the number of CPUs): a QEMU
# TCG guest spends much of its time on one CPU, so on the 2-core CI machine
# two runs at once take well under the wall time of one after the other.
# Runs that change the host (plan lines with --host-setup: DKMS, the
# drop-in) run alone. Each test kernel is prepared once, before the runs that boot it
# (the debug kernel's one-time build, sid's chroot, the arm64 downloads),
# by one background job that runs beside the userspace parts: on a fresh
# machine the debug kernel's build alone is ~15 min of the 2-core CI run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
logs=$top/build/check
mkdir -p "$logs"
rm -f "$logs"/*.rc
jobs_max=${CHECK_JOBS:-$(nproc)}
[ "$jobs_max" -ge 1 ] 2>/dev/null || jobs_max=1
names=()	# every part, in the order started
running=0	# part_bg jobs not yet waited for

log_of() {
	echo "$logs/$(echo "$1" | tr -c 'A-Za-z0-9.+-' '_').log"
}

# run_part NAME CMD...: run one part, leave its exit status in LOG.rc and
# print its line.
run_part() {
	local name=$1 log t0 rc
	shift
	log=$(log_of "$name")
	t0=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	echo "$rc" >"$log.rc"
	if [ $rc = 0 ]; then
		echo "$name: PASS ($(($(date +%s) - t0)) s)"
	else
		echo "$name: FAIL ($(($(date +%s) - t0)) s, log $log)"
		tail -n 25 "$log" | sed 's/^/    /'
	fi
}

# (Only part_bg jobs: the kernels' job, also a child, runs on through the
# userspace parts, where none is running.)
wait_all() {
	[ "$running" = 0 ] || wait
	running=0
}

# part NAME CMD...: run now, alone.
part() {
	wait_all
	names+=("$1")
	run_part "$@"
}

# part_bg NAME CMD...: run beside others, at most jobs_max at a time
# (used once the kernels' job is over, so `wait -n` waits for a part).
part_bg() {
	if [ "$running" -ge "$jobs_max" ]; then
		wait -n
		running=$((running - 1))
	fi
	names+=("$1")
	run_part "$@" &
	running=$((running + 1))
}

plan=()
while read -r line; do
	line=${line%%#*}
	[ -n "${line// /}" ] || continue
	plan+=("$line")
done <tests/vm/plan.txt

# plan_run LINE: sets kernel and key (the run's work dir, build/vm/KERNEL-
# LABEL, as run.sh names it) from a plan line's run.sh arguments.
plan_run() {
	local a label="" tests=()
	eval "a=($1)"
	kernel=""
	set -- "${a[@]}"
	while [ $# -gt 0 ]; do
		case "$1" in
		--label) label=$2; shift 2 ;;
		--no-module | --build-only) shift ;;
		-*) shift 2 ;;
		*) if [ -z "$kernel" ]; then kernel=$1; else tests+=("$1"); fi; shift ;;
		esac
	done
	[ -n "$label" ] || label=$(IFS=+; echo "${tests[*]}")
	key=$kernel-$label
}

# The kernels the plan boots, each prepared once, in plan order.
kernels=()
for line in "${plan[@]}"; do
	plan_run "$line"
	case " ${kernels[*]} " in *" $kernel "*) ;; *) kernels+=("$kernel") ;; esac
done
# One job prepares them in turn while the userspace parts run.
prep_kernels() {
	local k
	for k in "$@"; do
		run_part "vm kernel $k" bash -c '. tests/vm/kernels.sh && vm_kernel "$1" && echo "$1: $KVER"' _ "$k"
	done
}
for k in "${kernels[@]}"; do
	names+=("vm kernel $k")
done
prep_kernels "${kernels[@]}" &
prep_pid=$!

# Userspace parts one at a time: several build shared files on demand.
part "userspace build" make -s userspace
part "harness scripts" tests/vm/selftest-scripts.sh
part "build bad input" tests/vm/selftest-build.sh
for u in $(make -s print-uchecks); do
	part "userspace $u" make -s "ucheck-$u"
done
wait "$prep_pid"

keys=" "
for line in "${plan[@]}"; do
	plan_run "$line"
	eval "args=($line)"
	# Alone: runs that change the host, and a second run of a work dir.
	# shellcheck disable=SC2086,SC2154
	if [[ " $line " == *" --host-setup "* || "$keys" == *" $key "* ]]; then
		part "vm: $(echo $line)" tests/vm/run.sh "${args[@]}"
	else
		part_bg "vm: $(echo $line)" tests/vm/run.sh "${args[@]}"
	fi
	keys="$keys$key "
done
wait_all

passed=0 failed=0 failures=()
for name in "${names[@]}"; do
	if [ "$(cat "$(log_of "$name").rc" 2>/dev/null)" = 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$name")
	fi
done
# Repeat the end of each failed part's log last, so a CI view that keeps
# only the tail of the output still shows why.
for f in "${failures[@]}"; do
	echo "--- $f (end of its log):"
	tail -n 6 "$(log_of "$f")" | cut -c1-1000
done
[ "$failed" = 0 ] || echo "failed parts: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
