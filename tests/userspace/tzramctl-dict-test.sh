#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tzramctl-dict-test.sh TZRAMCTL: `tzramctl dict train` (helper/tzramctl_dict.c)
# on synthetic pages and, when present, on the public corpus: the file is a
# zstd-format dictionary within --size that libzstd and liblz4 (the zstd and
# lz4 tools, -D) take and round-trip with, and held-out pages, each
# compressed alone, get smaller with it by a set margin (on the corpus
# zstd's margin is "at most 2 % larger": see there); bad input gives one
# error line and exit != 0.
# The VM test tests/vm/guest/dev-dict.sh uses it on devices.
# ~30 s with the corpus part on an idle 2-vCPU machine, ~70 s loaded (CORPUS=FILE picks another page file, CORPUS=
# none).
set -uo pipefail
bin=$(readlink -f "$1")
corpus=${CORPUS-$(dirname "$0")/../../../shared/corpus/public-pages.bin.zst}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail() { echo "tzramctl-dict-test: FAIL: $*"; exit 1; }
ok() { pass=$((pass + 1)); }
run() { out=$("$bin" "$@" 2>"$T/err"); rc=$?; err=$(cat "$T/err"); }
expect_err() { # expect_err RC PATTERN ARGS...: exit RC, a matching error line
	local want=$1 pat=$2
	shift 2
	run "$@"
	[ "$rc" = "$want" ] || fail "tzramctl $*: exit $rc, want $want ($err)"
	printf '%s\n' "$err" | grep -q -- "$pat" || fail "tzramctl $*: no '$pat' in: $err"
	ok
}

# Synthetic pages: log-like records over a small vocabulary, different on
# each page (the numbers), as much of memory is; written with awk (no
# python in CI). N pages of 4 KiB into FILE.
synth() { # synth FILE N SEED
	awk -v seed="$3" 'BEGIN {
		srand(seed)
		split("alpha bravo charlie delta echo foxtrot golf hotel india juliet", w)
		split("/usr/lib/x86_64-linux-gnu /var/log/syslog /etc/systemd/system /home/user/.cache", p)
		for (i = 0; i < 400000; i++)
			printf "ts=%d level=info unit=%s path=%s/%s pid=%d status=ok\n",
			       1700000000 + i * 7, w[int(rand() * 10) + 1],
			       p[int(rand() * 4) + 1], w[int(rand() * 10) + 1],
			       int(rand() * 65536)
	}' | head -c $(($2 * 4096)) >"$1"
	[ "$(stat -c %s "$1")" = $(($2 * 4096)) ] || fail "synth: short file"
}

# Sum of the sizes of each page of FILE compressed alone with TOOL
# (zstd|lz4), without and with dictionary DICT: prints "WITHOUT WITH".
page_sizes() { # page_sizes TOOL FILE DICT
	local tool=$1 file=$2 dict=$3 n i a=0 b=0 lvl=-1
	n=$(($(stat -c %s "$file") / 4096))
	for ((i = 0; i < n; i++)); do
		dd if="$file" of="$T/pg" bs=4096 skip=$i count=1 status=none
		a=$((a + $($tool $lvl -c "$T/pg" | wc -c)))
		$tool $lvl -D "$dict" -c "$T/pg" >"$T/pg.z" || fail "$tool -D $dict refused it"
		b=$((b + $(stat -c %s "$T/pg.z")))
		$tool -d -D "$dict" -c "$T/pg.z" | cmp -s - "$T/pg" ||
			fail "$tool -D: page $i does not round-trip"
	done
	echo "$a $b"
}

# check_dict DICT MAXSIZE HELDOUT LABEL ZGAIN LGAIN: format, size, and the
# held-out pages at least ZGAIN % (zstd) and LGAIN % (lz4) smaller with it.
check_dict() {
	local d=$1 max=$2 held=$3 label=$4 zg=$5 lg=$6 sz magic
	sz=$(stat -c %s "$d")
	[ "$sz" -gt 0 ] && [ "$sz" -le "$max" ] || fail "$label: dictionary of $sz bytes, want 1..$max"
	magic=$(od -An -tx1 -N4 "$d" | tr -d ' ')
	[ "$magic" = 37a430ec ] || fail "$label: magic $magic, not zstd's dictionary magic"
	read -r z0 z1 < <(page_sizes zstd "$held" "$d")
	read -r l0 l1 < <(page_sizes lz4 "$held" "$d")
	echo "tzramctl-dict-test: $label: held-out pages, each alone: zstd -1 $z0 -> $z1 bytes, lz4 -1 $l0 -> $l1 bytes with the ${sz}-byte dictionary"
	[ $((z1 * 100)) -le $((z0 * (100 - zg))) ] || fail "$label: zstd gains less than $zg %"
	[ $((l1 * 100)) -le $((l0 * (100 - lg))) ] || fail "$label: lz4 gains less than $lg %"
	ok
}

# ---- bad input: usage (2), unreadable or useless sources, unwritable output (1)
expect_err 2 "subcommand expected" dict
expect_err 2 "unknown subcommand" dict frobnicate
expect_err 2 "exactly one of --from" dict train "$T/out"
expect_err 2 "exactly one of --from" dict train --from /dev/null --pages /dev/null "$T/out"
expect_err 2 "one output file" dict train --pages /dev/null
expect_err 2 "one output file" dict train --pages /dev/null a b
expect_err 2 "--size 100: not a size" dict train --pages /dev/null --size 100 "$T/out"
expect_err 2 "--size 1x: not a size" dict train --pages /dev/null --size 1x "$T/out"
expect_err 2 "--max-pages 2: not a number" dict train --pages /dev/null --max-pages 2 "$T/out"
expect_err 1 "no 4 KiB page read" dict train --pages "$T/missing" "$T/out"
: >"$T/empty"
expect_err 1 "no 4 KiB page read" dict train --pages "$T/empty" "$T/out"
expect_err 1 "$T/missing: No such file" dict train --from "$T/missing" "$T/out"
head -c $((64 * 4096)) /dev/zero >"$T/zero"
expect_err 1 "0 pages with content (64 zero/same-filled left out)" dict train --pages "$T/zero" "$T/out"
expect_err 1 "0 pages with content" dict train --from "$T/zero" "$T/out"
[ -e "$T/out" ] && fail "a failed run left an output file"
synth "$T/train" 256 1
expect_err 1 "$T/no/such/dir/out: No such file" dict train --pages "$T/train" "$T/no/such/dir/out"
ok

# ---- synthetic pages: --pages and --from (the device reader) on a file
synth "$T/held" 32 2
run dict train --pages "$T/train" --size 16K "$T/d1"
[ $rc = 0 ] || fail "train --pages: exit $rc ($err)"
[[ "$err" == *"256 pages sampled (0 zero/same-filled left out): "*"-byte dictionary (ZDICT legacy), id "* ]] ||
	fail "train --pages: summary line: $err"
check_dict "$T/d1" 16384 "$T/held" synthetic 5 5
run dict train --from "$T/train" --size 16K --max-pages 64 "$T/d2"
[ $rc = 0 ] && [[ "$err" == *"64 pages sampled"* ]] || fail "train --from FILE: exit $rc ($err)"
check_dict "$T/d2" 16384 "$T/held" "synthetic --from" 5 5
# Same-filled pages are left out of a device's samples too.
cat "$T/zero" "$T/train" >"$T/mixed"
run dict train --from "$T/mixed" --size 8K "$T/d3"
[ $rc = 0 ] && [[ "$err" == *"256 pages sampled (64 zero/same-filled left out)"* ]] ||
	fail "train --from, zero pages: exit $rc ($err)"
ok
# Pages of 16-byte runs over a few letters (the VM test's memfill pages):
# ZDICT's legacy builder finds nothing there, its fastCover builder does.
awk 'BEGIN { srand(3); for (i = 0; i < 256 * 256; i++) {
	c = substr("abcdefghij", int(rand() * 10) + 1, 1)
	printf "%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s", c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c } }' >"$T/runs"
run dict train --pages "$T/runs" --size 8K "$T/d4"
[ $rc = 0 ] && [[ "$err" == *"(ZDICT fastCover)"* ]] || fail "train on runs: exit $rc ($err)"
[ "$(stat -c %s "$T/d4")" -le 8192 ] || fail "train on runs: dictionary over --size"
ok

# ---- the public corpus: trained on 1/8 of its pages (every 8th run of 16
# pages: the corpus is 16-page runs of four programs one after the other),
# measured on 64 pages of other runs spread over all of it
if [ -n "$corpus" ] && [ -r "$corpus" ]; then
	zstd -q -dc "$corpus" >"$T/c.raw" || fail "corpus: cannot decompress $corpus"
	runs=$(($(stat -c %s "$T/c.raw") / 65536))
	for ((j = 0; j < runs; j += 8)); do
		dd if="$T/c.raw" bs=64K skip=$j count=1 status=none
	done >"$T/c-train"
	for ((j = 0; j < 64; j++)); do
		dd if="$T/c.raw" bs=4096 skip=$((((runs / 64) * j / 8 * 8 + 4) * 16 + j % 16)) count=1 status=none
	done >"$T/c-held"
	rm -f "$T/c.raw"
	run dict train --pages "$T/c-train" "$T/c1"
	[ $rc = 0 ] && [[ "$err" == *"(ZDICT legacy)"* ]] || fail "corpus: exit $rc ($err)"
	# 64 KiB, all of it chosen for lz4 (tests/userspace/bench/dict_train.c):
	# measured zstd -1 -2.7 %, lz4 -1 -6.8 % on these 64 pages.
	check_dict "$T/c1" 65536 "$T/c-held" "corpus (1/8 of it; 64 other pages)" 1 5
	# 256 KiB: fastCover's content before the legacy builder's 64 KiB; lz4
	# (the last 64 KiB) gains as much, the zstd tool at -1 (measured -2.1 %)
	# searches the longer dictionary less well than ours (make bench).
	run dict train --pages "$T/c-train" --size 256K "$T/c2"
	[ $rc = 0 ] && [[ "$err" == *"(ZDICT fastCover + legacy (last 64 KiB))"* ]] ||
		fail "corpus, 256K: exit $rc ($err)"
	check_dict "$T/c2" 262144 "$T/c-held" "corpus, --size 256K" 1 5
else
	echo "tzramctl-dict-test: corpus part skipped: no ${corpus:-corpus} (CORPUS=FILE)"
fi

echo "tzramctl-dict-test: $pass checks passed"
