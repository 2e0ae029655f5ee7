#!/bin/bash
# instr.sh INSTR CORPUS: instructions per page (callgrind) of compress and
# decompress for our codecs and the reference libraries, every 64th page of
# CORPUS, as a markdown table (`make bench-instr`; docs/BENCHMARKS.md); then
# the same per page for 16-page units against one page at a time.
set -eu
bin=$1 corpus=$2
command -v valgrind >/dev/null || { echo "bench-instr: no valgrind: skipped"; exit 0; }
[ -r "$corpus" ] || { echo "bench-instr: no corpus at $corpus: skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| codec | variant | compress instr/page | decompress instr/page | ratio (every 64th page) |"
echo "|---|---|---:|---:|---:|"
# kernel-*: Linux 6.12's lib/lz4, lib/zstd (bench/kpeer), when built in.
for c in tzram-zstd-l1 tzram-zstd-l2 tzram-zstd-l2-ctx tzram-zstd-l3 libzstd-1 kernel-zstd-l1 \
	kernel-zstd-l3 libzstd-1-dict tzram-zstd-dict-dec tzram-zstd-dict tzram-zstd-dict-none \
	tzram-lz4 tzram-lz4-b8 liblz4 kernel-lz4; do
	if [[ $c == kernel-* ]] && ! "$bin" "$c" /dev/null 2>&1 | grep -q "no corpus"; then
		echo "| $c | - | (not built: linux-source-6.12 absent) | | |"
		continue
	fi
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" "$c" "$corpus" \
		>"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" "$tmp/out"; exit 1; }
	read -r _ _ pages _ ratio _ variant <"$tmp/out"
	# Inclusive totals of the two measured functions.
	callgrind_annotate --threshold=100 --inclusive=yes "$tmp/cg" >"$tmp/ann"
	ci=$(awk '/instr_compress /{gsub(",","",$1); print $1; exit}' "$tmp/ann")
	di=$(awk '/instr_decompress /{gsub(",","",$1); print $1; exit}' "$tmp/ann")
	echo "| $c | $variant | $((ci / pages)) | $((di / pages)) | $ratio |"
done
# measure CODEC UNIT: "ci di ratio variant pages" of one callgrind run.
measure() {
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$bin" "$1" "$corpus" "$2" \
		>"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" "$tmp/out" >&2; return 1; }
	read -r _ _ pages _ ratio _ variant <"$tmp/out"
	callgrind_annotate --threshold=100 --inclusive=yes "$tmp/cg" >"$tmp/ann"
	echo "$(awk '/instr_compress /{gsub(",","",$1); print $1; exit}' "$tmp/ann") \
$(awk '/instr_decompress /{gsub(",","",$1); print $1; exit}' "$tmp/ann") $ratio $variant $pages"
}
# Units (kmod/unit.c): every 32nd 16-page chunk, coded a page at a time and
# 16 pages at a time, ours in the scalar variant as the module codes units.
echo
echo "| codec (every 32nd 16-page chunk) | variant | unit pages | compress instr/page | decompress instr/page | ratio | compress, decompress vs 1 page |"
echo "|---|---|---:|---:|---:|---:|---:|"
for c in tzram-lz4 liblz4 tzram-zstd-l2 tzram-zstd-l3 libzstd-1; do
	set -- $(measure $c 1) || exit 1
	c1=$1 d1=$2
	echo "| $c | $4 | 1 | $(($1 / $5)) | $(($2 / $5)) | $3 | |"
	set -- $(measure $c 16) || exit 1
	echo "| $c | $4 | 16 | $(($1 / $5)) | $(($2 / $5)) | $3 | $(awk -v a="$c1" -v b="$1" -v x="$d1" -v y="$2" \
		'BEGIN { printf "%.2fx, %.2fx", a / b, x / y }') |"
done
