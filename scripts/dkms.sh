#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DKMS packaging of tzram.ko (dkms.conf).
#   dkms.sh check              dkms.conf's PACKAGE_VERSION = kmod/tzram.h's TZRAM_VERSION
#   dkms.sh stage DIR          copy exactly what Kbuild needs (+ dkms.conf) into DIR
#   dkms.sh install [KVER...]  /usr/src/tzram-VER, dkms add, build and install
#                              for each KVER (default: every kernel in
#                              /lib/modules with headers); root
#   dkms.sh remove             dkms remove --all, delete /usr/src/tzram-VER; root
#   dkms.sh vm-stage KVER OUT  VM test (tests/vm/run.sh --host-setup): install
#                              for KVER as above, copy the installed module to
#                              OUT, remove everything again; prints the
#                              "file:/lib/modules/KVER/updates/dkms/NAME" pair
# Exit non-zero with one line on stderr on any failure.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
die() { echo "tzram dkms: $*" >&2; exit 1; }

version() {
	local pv tv
	pv=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
	tv=$(sed -n 's/^#define TZRAM_VERSION "\(.*\)"$/\1/p' "$top/kmod/tzram.h")
	[ -n "$pv" ] && [ -n "$tv" ] || die "cannot read PACKAGE_VERSION (dkms.conf) or TZRAM_VERSION (kmod/tzram.h)"
	[ "$pv" = "$tv" ] || die "dkms.conf PACKAGE_VERSION $pv != kmod/tzram.h TZRAM_VERSION $tv: bump both"
	echo "$pv"
}

# The DKMS source tree: the Kbuild inputs only (no objects, no generated
# probe header: each kernel's build regenerates it).
stage() {
	local dst=$1
	mkdir -p "$dst"
	tar -C "$top" --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='*.a' --exclude='*.d' --exclude='tz_probes.h' \
		--exclude='modules.order' --exclude='Module.symvers' \
		-cf - dkms.conf Kbuild kmod uapi tests/kunit | tar -C "$dst" -xf -
}

need_root() {
	[ "$(id -u)" = 0 ] || die "$1 needs root (it writes /usr/src, /var/lib/dkms and /lib/modules)"
	command -v dkms >/dev/null || die "dkms is not installed (apt-get install dkms, or make deps)"
}

default_kvers() {
	local d
	for d in /lib/modules/*/build/Makefile; do
		[ -e "$d" ] && basename "$(dirname "$(dirname "$d")")"
	done
}

do_install() {
	local ver k kvers
	need_root "make dkms-install"
	ver=$(version)
	kvers=${*:-$(default_kvers)}
	[ -n "$kvers" ] || die "no kernel headers in /lib/modules/*/build: install linux-headers-\$(uname -r)"
	for k in $kvers; do
		[ -e "/lib/modules/$k/build/Makefile" ] || die "no headers for kernel $k (/lib/modules/$k/build)"
	done
	rm -rf "/usr/src/tzram-$ver"
	stage "/usr/src/tzram-$ver"
	if ! dkms status -m tzram -v "$ver" | grep -q .; then
		dkms add -m tzram -v "$ver" >/dev/null || die "dkms add tzram/$ver failed"
	fi
	for k in $kvers; do
		echo "tzram dkms: building tzram/$ver for $k"
		if ! dkms build -m tzram -v "$ver" -k "$k" >/dev/null; then
			find "/var/lib/dkms/tzram/$ver" -name make.log -exec tail -n 30 {} \; >&2
			die "dkms build for $k failed (make.log under /var/lib/dkms/tzram/$ver)"
		fi
		dkms install -m tzram -v "$ver" -k "$k" --force >/dev/null || die "dkms install for $k failed"
		echo "tzram dkms: installed $(ls /lib/modules/"$k"/updates/dkms/tzram.ko*)"
	done
}

do_remove() {
	local ver
	need_root "make dkms-remove"
	ver=$(version)
	local v
	# Every version DKMS knows ("tzram/0.1.0, 6.1.0-56-amd64, ...: installed").
	for v in $(dkms status -m tzram | sed -n 's|^tzram/\([^,:]*\)[,:].*|\1|p' | sort -u); do
		dkms remove "tzram/$v" --all >/dev/null || die "dkms remove tzram/$v --all failed"
	done
	rm -rf /usr/src/tzram-*
	echo "tzram dkms: removed (no tzram in dkms status, /usr/src/tzram-$ver deleted)"
}

# One kernel at a time, serialised by a lock: concurrent VM runs share the
# host's DKMS tree. Refuses to touch a tzram someone installed for real.
# KCHROOT (tests/vm/kernels.sh: sid72): the kernel's headers and compiler
# live in that chroot, so DKMS runs there, as it would on that system; the
# work tree is bind-mounted at its own path (tests/vm/chroot-run.sh).
vm_stage() {
	local kver=$1 out=$2 ver ko
	if [ -n "${KCHROOT:-}" ]; then
		local inner=/tmp/tzram-dkms-stage pair
		rm -rf "$KCHROOT$inner"
		pair=$("$top/tests/vm/chroot-run.sh" "$KCHROOT" "$top" bash "$top/scripts/dkms.sh" \
			vm-stage "$kver" "$inner") || die "DKMS in $KCHROOT failed"
		ko=$(basename "${pair%%:*}")
		mkdir -p "$out"
		cp "$KCHROOT$inner/$ko" "$out/" || die "no $inner/$ko in $KCHROOT"
		rm -rf "$KCHROOT$inner"
		echo "$out/$ko:${pair#*:}"
		return 0
	fi
	need_root "the DKMS VM test"
	ver=$(version)
	exec 9>/run/lock/tzram-dkms.lock
	flock -w 600 9 || die "another DKMS test holds /run/lock/tzram-dkms.lock"
	if dkms status -m tzram | grep -q . || [ -e "/usr/src/tzram-$ver" ]; then
		die "tzram is already DKMS-installed on this host: make dkms-remove first"
	fi
	trap 'do_remove >/dev/null 2>&1 || true' EXIT
	do_install "$kver" >&2
	ko=$(ls "/lib/modules/$kver/updates/dkms/"tzram.ko* 2>/dev/null | head -n 1)
	[ -n "$ko" ] || die "dkms install left no /lib/modules/$kver/updates/dkms/tzram.ko*"
	mkdir -p "$out"
	cp "$ko" "$out/"
	do_remove >&2
	trap - EXIT
	! ls "/lib/modules/$kver/updates/dkms/"tzram.ko* >/dev/null 2>&1 ||
		die "dkms remove left /lib/modules/$kver/updates/dkms/tzram.ko*"
	echo "$out/$(basename "$ko"):/lib/modules/$kver/updates/dkms/$(basename "$ko")"
}

case "${1:-}" in
check) echo "tzram dkms: version $(version) (dkms.conf = kmod/tzram.h)" ;;
stage) [ $# = 2 ] || die "usage: dkms.sh stage DIR"; stage "$2" ;;
install) shift; do_install "$@" ;;
remove) do_remove ;;
vm-stage) [ $# = 3 ] || die "usage: dkms.sh vm-stage KVER OUTDIR"; vm_stage "$2" "$3" ;;
*) die "usage: dkms.sh check | stage DIR | install [KVER...] | remove | vm-stage KVER OUT" ;;
esac
