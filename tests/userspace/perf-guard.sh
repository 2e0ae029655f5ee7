#!/bin/bash
# perf-guard.sh [--update] WORKLOAD_BIN BASELINE
# Performance regression guard: instruction counts (callgrind "Ir") of the
# fixed workloads of perf-workload.c, compared with the committed BASELINE.
# Instruction counts are deterministic (same binary, same input), timings on
# shared machines are not. A rise of more than PERF_TOLERANCE percent (10)
# fails and names the workload; a fall is reported and passes.
# --update rewrites BASELINE (`make perf-baseline`).
set -uo pipefail
update=0
[ "${1:-}" = --update ] && { update=1; shift; }
bin=$1 base=$2
tol=${PERF_TOLERANCE:-10}
# Scalar is the variant every CPU has and the guard's reference; AVX2 is
# counted too where valgrind can run it (it cannot run AVX-512).
workloads=${PERF_WORKLOADS:-"lz4:scalar zstd:scalar zstd3:scalar samefill:scalar lz4:avx2 zstd:avx2 zstd3:avx2 samefill:avx2"}
command -v valgrind >/dev/null || { echo "perf-guard: valgrind missing (make deps)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc_ver=$(${CC:-cc} --version | head -n1)

# count NAME VARIANT: Ir inside perf_run_NAME, or "skip".
count() {
	local out=$tmp/cg.$1.$2 rc
	valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
		--toggle-collect="perf_run_$1" "$bin" "$1" "$2" >"$tmp/log" 2>&1
	rc=$?
	[ $rc = 3 ] && { echo skip; return 0; }
	if [ $rc != 0 ]; then
		echo "perf-guard: $1/$2 failed under valgrind (rc $rc):" >&2
		tail -n 20 "$tmp/log" >&2
		return 1
	fi
	# No instruction inside perf_run_NAME: the workload's function is
	# missing (renamed, inlined), and a guard of nothing cannot fail.
	awk -v w="$1" -v v="$2" '/^(summary|totals):/ { n = $2 }
		END { if (n + 0 > 0) { print n; exit 0 }
		      print "perf-guard: " w "/" v ": no instructions counted in perf_run_" w > "/dev/stderr"
		      exit 1 }' "$out"
}

declare -A got
for w in $workloads; do
	n=${w%%:*} v=${w##*:}
	c=$(count "$n" "$v") || exit 1
	got[$n-$v]=$c
done

if [ $update = 1 ]; then
	{
		echo "# Performance guard baseline: callgrind instruction counts (Ir) of the"
		echo "# workloads of tests/userspace/perf-workload.c (64 synthetic pages)."
		echo "# \`make ucheck-perf-guard\` fails on a rise > ${tol}%; \`make perf-baseline\` rewrites this."
		top=$(cd "$(dirname "$0")/../.." && pwd)
		dirty=$(git -C "$top" status --porcelain -- kmod/simd 2>/dev/null | grep -q . && echo " + uncommitted kmod/simd changes")
		# PERF_TAKEN_AT: say so when the binary was built elsewhere (a clean export).
		echo "# taken at: ${PERF_TAKEN_AT:-$(git -C "$top" log -1 --format='%h %s' 2>/dev/null | cut -c1-60)$dirty}"
		echo "# compiler: $cc_ver"
		for w in $workloads; do
			n=${w%%:*} v=${w##*:}
			echo "$n-$v ${got[$n-$v]}"
		done
	} >"$base.tmp" && mv "$base.tmp" "$base"
	echo "perf-guard: wrote $base:"
	grep -v '^#' "$base"
	exit 0
fi

[ -f "$base" ] || { echo "perf-guard: no baseline $base: run 'make perf-baseline'"; exit 1; }
base_cc=$(sed -n 's/^# compiler: //p' "$base")
fail=0
for w in $workloads; do
	n=${w%%:*} v=${w##*:} key=${w%%:*}-${w##*:}
	now=${got[$key]}
	was=$(awk -v k="$key" '$1 == k { print $2 }' "$base")
	if [ "$now" = skip ]; then
		echo "perf-guard: $key: skipped (variant not available under valgrind here)"
		continue
	fi
	if [ -z "$was" ] || [ "$was" = skip ]; then
		echo "perf-guard: $key: $now instructions, no baseline (make perf-baseline)"
		continue
	fi
	pct=$(awk -v a="$now" -v b="$was" 'BEGIN { printf "%+.2f", (a - b) * 100 / b }')
	if awk -v a="$now" -v b="$was" -v t="$tol" 'BEGIN { exit !(a > b * (1 + t / 100)) }'; then
		echo "perf-guard: FAIL: workload $key: $now instructions, baseline $was ($pct% > +$tol%)"
		fail=1
	else
		echo "perf-guard: $key: $now instructions, baseline $was ($pct%)"
	fi
done
if [ $fail = 1 ]; then
	echo "perf-guard: a codec got slower in instructions executed on a fixed workload."
	echo "  Find the commit that did it, or, if the rise is intended (more ratio for more"
	echo "  work), run 'make perf-baseline' and commit tests/userspace/perf-baseline.txt."
	[ "$base_cc" != "$cc_ver" ] && echo "  Note: baseline compiler '$base_cc', this one '$cc_ver'."
	exit 1
fi
echo "perf-guard: no workload rose more than $tol% over the baseline"
