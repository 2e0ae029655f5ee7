#!/bin/bash
# hygiene.sh sparse|checkpatch: the kernel's own checks of the module's
# sources, run by `make check` as userspace parts (make ucheck-sparse,
# ucheck-checkpatch).
#   sparse      build tzram.ko with C=2 (sparse on every object) against
#               each installed Debian kernel's headers, in a copy of the
#               sources under build/; fails on any sparse diagnostic
#   checkpatch  scripts/checkpatch.pl of linux-source-6.12 (unpacked once
#               into build/checkpatch) over kmod/ and tests/kunit/, --strict
#               off, no tree; fails on any finding not listed below as
#               accepted (file:TYPE, each with its reason)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}

sparse() {
	command -v sparse >/dev/null || { echo "sparse: not installed (make deps)"; return 1; }
	local kdirs k src log rc=0 n=0
	kdirs=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V)
	[ -n "$kdirs" ] || { echo "sparse: no kernel headers in /lib/modules/*/build (make deps)"; return 1; }
	for k in $kdirs; do
		src=$build/sparse/$(basename "$(dirname "$k")")
		log=$src.log
		rm -rf "$src" && mkdir -p "$src"
		tar -C "$top" --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' --exclude='*.mod' \
			--exclude='*.mod.c' --exclude='tz_probes.h' -cf - Kbuild kmod uapi tests/kunit |
			tar -C "$src" -xf -
		if ! make -C "$k" M="$src" C=2 KCFLAGS=-Werror -j"$(nproc)" modules >"$log" 2>&1; then
			tail -n 20 "$log"
			echo "sparse: build against $k failed"
			rc=1
			continue
		fi
		# Kbuild's own lines start with two blanks and a verb; the
		# rest is the compiler's or sparse's.
		if grep -Ev '^(  [A-Z0-9]+ |make(\[[0-9]+\])?: |Skipping BTF)' "$log" | grep -q .; then
			grep -Ev '^(  [A-Z0-9]+ |make(\[[0-9]+\])?: |Skipping BTF)' "$log"
			echo "sparse: diagnostics against $k"
			rc=1
		else
			n=$((n + 1))
			echo "sparse: clean against $k"
		fi
	done
	[ $rc = 0 ] && [ $n -gt 0 ]
}

# Findings checkpatch makes that are accepted: FILE:TYPE and why.
accepted() {
	cat <<'LIST'
kmod/compat.h:MACRO_WITH_FLOW_CONTROL	TZ_DEFINE_* macros define whole functions; the return is theirs
kmod/compat.h:MACRO_ARG_UNUSED	the empty forms of TZ_*_RW_PAGE/SWAP_SLOT_FREE_NOTIFY where the kernel has no such op
kmod/compat.h:LINUX_VERSION_CODE	io_stat's third field: the one version test (no API shows it)
kmod/compat.h:CONSTANT_COMPARISON	the same line: LINUX_VERSION_CODE >= KERNEL_VERSION()
kmod/simd/tz_port.h:COMPLEX_MACRO	userspace stand-ins for the kernel's __always_inline and friends
kmod/simd/tz_port.h:PREFER_DEFINED_ATTRIBUTE_MACRO	the same stand-ins define those macros
kmod/simd/tz_port.h:VOLATILE	userspace READ_ONCE/WRITE_ONCE, as the kernel's
kmod/simd/tz_lz4.c:COMPLEX_MACRO	table-row initialisers (a list of values cannot be parenthesised)
kmod/simd/zstd_internal.h:MACRO_ARG_UNUSED	ZS_ESTRICT names the rule only in the differential fuzzer's trace build
LIST
}

checkpatch() {
	local cp=$build/checkpatch/scripts/checkpatch.pl tarball out rc=0
	if [ ! -x "$cp" ]; then
		tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n 1)
		[ -n "$tarball" ] || { echo "checkpatch: no /usr/src/linux-source-6.12.tar.* (make deps)"; return 1; }
		mkdir -p "$build/checkpatch"
		tar -C "$build/checkpatch" --strip-components=1 -xf "$tarball" --wildcards \
			'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch' ||
			return 1
	fi
	out=$(cd "$top" && "$cp" --no-tree --terse --show-types --quiet -f \
		$(git ls-files 'kmod/*.[ch]' 'tests/kunit/*.[ch]' 2>/dev/null ||
		  find kmod tests/kunit -name '*.[ch]' ! -name tz_probes.h) 2>&1)
	while IFS= read -r line; do
		case "$line" in *": ERROR:"* | *": WARNING:"* | *": CHECK:"*) ;; *) continue ;; esac
		f=${line%%:*}
		t=$(echo "$line" | sed -n 's/.*\(ERROR\|WARNING\|CHECK\):\([A-Z_0-9]*\):.*/\2/p')
		if accepted | cut -f1 | grep -qx "$f:$t"; then
			continue
		fi
		echo "$line"
		rc=1
	done <<<"$out"
	[ $rc = 0 ] && echo "checkpatch: clean ($(accepted | wc -l) accepted kinds of finding, listed in scripts/hygiene.sh)"
	return $rc
}

case "${1:-}" in
sparse) sparse ;;
checkpatch) checkpatch ;;
*) echo "usage: $0 sparse|checkpatch" >&2; exit 2 ;;
esac
