#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of the module build's answers to bad input (issue 13): each case
# must fail with its one clear line. Against Debian 12's 6.1 headers:
#   - no headers at all (find-kdir.sh), KDIR missing or not a kernel tree
#   - the kernel's compiler not installed, another major version, another
#     kind of compiler (kmod/cc-check.kbuild)
#   - a probe none of whose forms compiles, one with several forms that
#     compile, a required API that is missing (kmod/probes/conftest.sh):
#     planted probe files in a copy of the tree
# ~30 s on 2 cores.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0

kver=$(ls /lib/modules | grep -E '^6\.1\.' | sort -V | tail -n 1)
kdir=/lib/modules/$kver/build
[ -n "$kver" ] && [ -f "$kdir/Makefile" ] || { echo "selftest-build: no 6.1 headers: run 'make deps'"; exit 1; }
gccv=$(sed -n 's/^CONFIG_GCC_VERSION=\([0-9]*\)[0-9]\{4\}$/\1/p' "$kdir/.config")

# expect_fail_with WHAT REGEX CMD...: CMD fails and its output matches REGEX.
expect_fail_with() {
	local what=$1 re=$2 rc
	shift 2
	"$@" >"$tmp/out" 2>&1
	rc=$?
	n=$((n + 1))
	if [ $rc = 0 ] || ! grep -Eq "$re" "$tmp/out"; then
		bad=$((bad + 1))
		echo "selftest-build: $what: exit $rc, want failure matching '$re'; output:"
		tail -n 15 "$tmp/out" | sed 's/^/  /'
	else
		echo "ok: $what: $(grep -Eo -m 1 "tzram: .*" "$tmp/out" | cut -c1-200)"
	fi
}

# The module's sources, copied (plants must not touch the work tree).
src=$tmp/src
mkdir -p "$src"
tar -C "$top" --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' --exclude='tz_probes.h' \
	-cf - Kbuild kmod uapi tests/kunit | tar -C "$src" -xf -
# One object that needs the probe header: conftest runs, little else.
kbuild() { make -C "$kdir" M="$src" "$@" kmod/main.o; }

mkdir -p "$tmp/mods"
expect_fail_with "no headers installed" "no kernel headers found.*install" \
	env TZ_MODULES_DIR="$tmp/mods" "$top/scripts/find-kdir.sh"
expect_fail_with "KDIR missing" "KDIR=$tmp/none does not exist" make -s -C "$top" module KDIR="$tmp/none"
expect_fail_with "KDIR not a kernel tree" "has no Makefile: not a kernel build tree" \
	make -s -C "$top" module KDIR="$tmp/mods"

expect_fail_with "kernel's compiler not installed" \
	"built with the compiler \"gcc-$gccv .* but $tmp/none/gcc-$gccv is not installed: install gcc-$gccv" \
	kbuild CC="$tmp/none/gcc-$gccv"
other=$((gccv + 1))
cat >"$tmp/gcc-$other" <<EOF
#!/bin/sh
case "\$1" in
-dumpversion) echo $other ;;
--version) echo "gcc-$other (Debian $other.1.0-1) $other.1.0" ;;
*) exec gcc "\$@" ;;
esac
EOF
chmod +x "$tmp/gcc-$other"
expect_fail_with "another gcc major" "\(major $gccv\) but CC=$tmp/gcc-$other is \"gcc-$other .*install gcc-$gccv" \
	kbuild CC="$tmp/gcc-$other"
if command -v clang >/dev/null; then
	expect_fail_with "clang for a gcc kernel" "but CC=clang is \".*clang.*\": install gcc-$gccv and use it" \
		kbuild CC=clang
fi

# plant NAME BODY: a probe file kmod/probes/NAME.c (the only plant).
plant() {
	rm -f "$src"/kmod/probes/zz_*.c
	printf '// planted by selftest-build.sh\n#include <linux/types.h>\n%s\n' "$2" >"$src/kmod/probes/$1.c"
}
plant zz_none '#if defined(HAVE_ZZ_A)
#error form a absent
#elif defined(HAVE_ZZ_B)
#error form b absent
#endif'
expect_fail_with "probe with no form that compiles" \
	"probe zz_none: none of its forms compiles against this kernel; cannot decide" kbuild
plant zz_both '#if defined(HAVE_ZZ_A)
int tz_a;
#elif defined(HAVE_ZZ_B)
int tz_b;
#endif'
expect_fail_with "probe with two forms that compile" \
	"probe zz_both: several of its forms compile \( HAVE_ZZ_A HAVE_ZZ_B \); cannot decide" kbuild
plant zz_required '#if defined(HAVE_ZZ_REQUIRED)
#error the API is not there
#endif'
expect_fail_with "required API missing" "probe zz_required: this kernel lacks HAVE_ZZ_REQUIRED, which tzram needs" kbuild
plant zz_one '#if defined(HAVE_ZZ_NEW)
#error not this one
#elif defined(HAVE_ZZ_OLD)
int tz_old;
#endif'
# Control: a decided probe defines its form and the build goes on
# (one object, kmod/main.o, which needs the probe header).
n=$((n + 1))
if kbuild >"$tmp/out" 2>&1 &&
	grep -qx '#define HAVE_ZZ_OLD 1' "$src/kmod/tz_probes.h"; then
	echo "ok: (control) a probe with one compiling form: HAVE_ZZ_OLD defined, kmod/main.o built"
else
	bad=$((bad + 1))
	echo "selftest-build: (control) decided probe: no HAVE_ZZ_OLD or kmod/main.o failed:"
	tail -n 15 "$tmp/out" | sed 's/^/  /'
fi

echo "selftest-build: $((n - bad)) of $n passed"
[ $bad = 0 ]
