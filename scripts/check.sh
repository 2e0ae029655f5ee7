#!/bin/bash
# `make check`: the whole test suite. Runs every part (userspace builds and
# tests, then each VM run of tests/vm/plan.txt), prints one line per part
# and a final "N passed, N failed"; exits non-zero if any part failed.
# Full output of each part: build/check/PART.log.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
logs=$top/build/check
mkdir -p "$logs"
passed=0 failed=0 failures=()

# part NAME CMD...: run one part, record its verdict.
part() {
	local name=$1 log t0 rc
	shift
	log=$logs/$(echo "$name" | tr -c 'A-Za-z0-9.+-' '_').log
	mkdir -p "$logs"
	t0=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		passed=$((passed + 1))
		echo "$name: PASS ($(($(date +%s) - t0)) s)"
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "$name: FAIL ($(($(date +%s) - t0)) s, log $log)"
		tail -n 25 "$log" | sed 's/^/    /'
	fi
}

part "userspace build" make -s userspace
part "harness scripts" tests/vm/selftest-scripts.sh
part "build bad input" tests/vm/selftest-build.sh
for u in $(make -s print-uchecks); do
	part "userspace $u" make -s "ucheck-$u"
done

while read -r line; do
	line=${line%%#*}
	[ -n "${line// /}" ] || continue
	eval "args=($line)"
	# shellcheck disable=SC2154,SC2086
	part "vm: $(echo $line)" tests/vm/run.sh "${args[@]}"
done <tests/vm/plan.txt

# Repeat the end of each failed part's log last, so a CI view that keeps
# only the tail of the output still shows why.
for f in "${failures[@]}"; do
	echo "--- $f (end of its log):"
	tail -n 6 "$logs/$(echo "$f" | tr -c 'A-Za-z0-9.+-' '_').log" | cut -c1-200
done
[ "$failed" = 0 ] || echo "failed parts: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
