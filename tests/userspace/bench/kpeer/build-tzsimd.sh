#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build tzram's codec library (kmod/simd/) the way the module builds it, for
# the timing benchmarks, so that ours and the kernel peers (build.sh) are
# compiled alike: the x86-64 kernel's code-generation flags (kflags.sh),
# less what simd.kbuild removes for the vector objects (*_x86.c), and
# memcpy/memset/memmove as the kernel runs them (kpeer_x86.S, also the
# return and indirect-branch thunks).
#   build-tzsimd.sh OUT.a SRC.c...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
out=$1
shift
# shellcheck source=tests/userspace/bench/kpeer/kflags.sh
. "$here/kflags.sh"
kflags+=(-I"$top/kmod/simd" -I"$top/uapi")
obj=$(dirname "$out")/obj
rm -rf "$obj"
mkdir -p "$obj"
for src in "$@"; do
	o="$obj/$(basename "$src" .c).o"
	flags=("${kflags[@]}")
	case "$src" in
	*_x86.c)
		flags=()
		for f in "${kflags[@]}"; do
			case " ${kflags_vector_off[*]} " in *" $f "*) ;; *) flags+=("$f") ;; esac
		done
		;;
	esac
	gcc "${flags[@]}" -c "$src" -o "$o"
	objcopy --redefine-sym memcpy=kpeer_memcpy --redefine-sym memset=kpeer_memset \
		--redefine-sym memmove=kpeer_memmove "$o"
done
gcc -c "$here/kpeer_x86.S" -o "$obj/kpeer_x86.o"
rm -f "$out"
ar rcs "$out" "$obj"/*.o
