#!/bin/bash
# extra.sh OUTDIR [CC]: called by tests/vm/run.sh; builds what the device
# tests need in the guest with CC (default gcc; aarch64-linux-gnu-gcc for
# arm64 guests) and prints "hostpath:guestpath" pairs for VM_EXTRA:
#   /progs/NAME        static test programs from tests/vm/progs/*.c
#   /progs/NAME.so     LD_PRELOAD libraries from tests/vm/progs/NAME.so.c
#   /data/corpus.bin   the first 2048 pages of the shared page corpus
#                      (absent when the corpus is: tests then skip)
set -eu
out=$1
cc=${2:-gcc}
dir=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for c in "$dir"/*.c; do
	b=$out/$(basename "$c" .c)
	stale=
	for h in "$dir"/*.h "$0"; do [ "$h" -nt "$b" ] && stale=1; done
	if [ ! -x "$b" ] || [ "$c" -nt "$b" ] || [ -n "$stale" ]; then
		case "$c" in
		# NAME.so.c: a shared library for LD_PRELOAD (the guest's
		# libc is the host's, or Debian 12's arm64 one: the same glibc).
		*.so.c) "$cc" -O2 -shared -fPIC -Wall -Wextra -Werror -o "$b" "$c" >&2 ;;
		*) "$cc" -O2 -static -s -Wall -Wextra -Werror -o "$b" "$c" >&2 ;;
		esac
	fi
	echo -n "$b:/progs/$(basename "$b") "
done
# The corpus lives in shared/ beside the checkout (as `make bench` assumes);
# TZ_CORPUS or CORPUS points elsewhere.
top=$(cd "$dir/../../.." && pwd)
corpus=${TZ_CORPUS:-${CORPUS:-$top/../shared/corpus/public-pages.bin.zst}}
if [ -r "$corpus" ]; then
	if [ ! -s "$out/corpus.bin" ] || [ "$corpus" -nt "$out/corpus.bin" ]; then
		zstd -dc "$corpus" 2>/dev/null | head -c $((2048 * 4096)) >"$out/corpus.bin.tmp" || true
		mv "$out/corpus.bin.tmp" "$out/corpus.bin"
	fi
	echo -n "$out/corpus.bin:/data/corpus.bin "
fi
echo
