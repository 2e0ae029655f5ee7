#!/bin/bash
# Build one kernel version's lib/lz4 + lib/zstd (and lib/xxhash.c,
# lib/siphash.c for the page tag report) as the benchmark's peer:
#   build.sh LINUX_SOURCE_TARBALL TAG OUT.o
# Extracts lib/lz4, lib/zstd, lib/xxhash.c, lib/siphash.c and their include/linux headers
# from the Debian linux-source tarball, compiles every file the kernel's
# Makefiles list for the lz4/zstd modules (plus kpeer.c, the zram-style
# entry points) with the x86-64 kernel's code-generation flags, and links
# them into one relocatable OUT.o whose only global symbols are
# kpeer_TAG_* (so the kernel's ZSTD_* never meet libzstd's: the
# libraries' own ZSTDLIB_API symbols are made local as well).
set -euo pipefail
tar=$1 tag=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(dirname "$out")/src
rm -rf "$work"
mkdir -p "$work"
top=$(basename "$tar" .tar.xz)	# linux-source-V.tar.xz holds linux-source-V/
tar -C "$work" --strip-components=1 -xf "$tar" \
	"$top/Makefile" "$top/lib/lz4" "$top/lib/zstd" "$top/lib/xxhash.c" \
	"$top/lib/siphash.c" "$top/include/linux/siphash.h" \
	"$top/include/linux/lz4.h" "$top/include/linux/zstd.h" \
	"$top/include/linux/zstd_errors.h" "$top/include/linux/zstd_lib.h" \
	"$top/include/linux/xxhash.h"
mk() { sed -n "s/^$1 = *//p" "$work/Makefile" | head -n 1; }
version="$(mk VERSION).$(mk PATCHLEVEL).$(mk SUBLEVEL)"
pkg=$(basename "$tar" .tar.xz)
deb=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null || true)
[ -n "$deb" ] && version="$version (Debian $deb)"

# The x86-64 kernel's code-generation flags (kflags.sh), with this
# directory's shim headers and the tarball's include/.
# shellcheck source=tests/userspace/bench/kpeer/kflags.sh
. "$here/kflags.sh"
kflags+=(-I"$here/shim" -I"$work/include")
# Each library's own Makefile flags (lib/lz4: -O3).
ccflags() { sed -n 's/^ccflags-y *+= *//p' "$work/lib/$1/Makefile" | tr '\n' ' '; }
lz4_flags=$(ccflags lz4)
zstd_flags=$(ccflags zstd)

objs=()
cc1() {	# SRC EXTRA-FLAGS...
	local src=$1 o
	shift
	o="$work/obj/$(echo "${src#"$work"/}" | tr / _).o"
	mkdir -p "$work/obj"
	gcc "${kflags[@]}" "$@" -c "$src" -o "$o"
	objcopy --redefine-sym memcpy=kpeer_memcpy --redefine-sym memset=kpeer_memset \
		--redefine-sym memmove=kpeer_memmove "$o"
	objs+=("$o")
}
# shellcheck disable=SC2086
{
	cc1 "$work/lib/lz4/lz4_compress.c" $lz4_flags
	cc1 "$work/lib/lz4/lz4_decompress.c" $lz4_flags
	cc1 "$work/lib/xxhash.c"
	cc1 "$work/lib/siphash.c"	# the GPU helper path's page tag (bench_tag.c)
	for f in "$work"/lib/zstd/*.c "$work"/lib/zstd/common/*.c \
		"$work"/lib/zstd/compress/*.c "$work"/lib/zstd/decompress/*.c; do
		cc1 "$f" $zstd_flags -I"$work/lib/zstd"
	done
	cc1 "$here/kpeer.c" -DKPEER_TAG="$tag" -DKPEER_VERSION="\"$version\""
}
gcc -c "$here/kpeer_x86.S" -o "$work/obj/kpeer_x86.o"
objs+=("$work/obj/kpeer_x86.o")
ld -r -o "$out.tmp" "${objs[@]}"
objcopy -w --keep-global-symbol="kpeer_${tag}_*" "$out.tmp" "$out"
rm -f "$out.tmp"
bad=$(nm -g --defined-only "$out" | awk '{print $3}' | grep -v "^kpeer_${tag}_" || true)
if [ -n "$bad" ]; then
	echo "kpeer: $out exports more than kpeer_${tag}_*: $bad" >&2
	exit 1
fi
echo "kpeer: kernel $version lib/lz4 + lib/zstd -> $out"
