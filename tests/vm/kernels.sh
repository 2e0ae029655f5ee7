#!/bin/bash
# Resolve a test kernel name to what the harness needs. Sourced; after
# `vm_kernel NAME` these are set:
#   KNAME    deb61 | deb612 | debug | sid72 | deb612-arm64 | deb61-arm64
#   KARCH    x86_64 | arm64 (the guest's, and the module's target)
#   KVER     module directory name (uname -r in the guest)
#   KIMAGE   image QEMU boots (-kernel)
#   KDIR     kernel build dir to build tzram.ko against
#   KMODROOT root under which lib/modules/$KVER holds the stock modules
#   KCHROOT  chroot in which KDIR (a path inside it) is used; empty: the host
# and `vm_kmake SRC ARGS...` runs the kernel's make for the module in SRC.
# shellcheck disable=SC2034 # the variables are for run.sh, which sources this
vm_kernel() {
	KNAME=$1
	KCHROOT=""
	KARCH=x86_64
	case "$KNAME" in
	deb61 | deb612)
		local pat='^6\.1\.'
		[ "$KNAME" = deb612 ] && pat='^6\.12\.'
		KVER=$(ls /lib/modules | grep -E "$pat" | sort -V | tail -n 1)
		if [ -z "$KVER" ] || [ ! -f "/boot/vmlinuz-$KVER" ] || [ ! -d "/lib/modules/$KVER/build" ]; then
			echo "vm: kernel $KNAME not installed (image + headers): run 'make deps'" >&2
			return 1
		fi
		KIMAGE=/boot/vmlinuz-$KVER
		KDIR=/lib/modules/$KVER/build
		KMODROOT=/
		;;
	debug)
		local cache
		cache=$("$(dirname "${BASH_SOURCE[0]}")/build-debug-kernel.sh") || return 1
		KVER=$(cat "$cache/build/include/config/kernel.release")
		KIMAGE=$cache/bzImage
		KDIR=$cache/build
		KMODROOT=$cache/modules
		;;
	sid72)
		# Debian sid's 7.2, built against in a sid chroot (gcc-16).
		local cache
		cache=$("$(dirname "${BASH_SOURCE[0]}")/sid-kernel.sh") || return 1
		KVER=$(cat "$cache/kver")
		KIMAGE=$cache/kernel/usr/lib/modules/$KVER/vmlinuz
		KCHROOT=$cache/chroot
		KDIR=/usr/src/linux-headers-$KVER
		KMODROOT=$cache/kernel/usr
		;;
	deb612-arm64 | deb61-arm64)
		# Debian 12's arm64 6.12 or 6.1, cross-built against, booted
		# with qemu-system-aarch64 (TCG).
		local cache series=6.12
		[ "$KNAME" = deb61-arm64 ] && series=6.1
		cache=$("$(dirname "${BASH_SOURCE[0]}")/arm64-kernel.sh" $series) || return 1
		KVER=$(cat "$cache/kver")
		KIMAGE=$cache/Image
		KDIR=$cache/root/usr/src/linux-headers-$KVER
		KMODROOT=$cache/root
		KARCH=arm64
		;;
	*)
		echo "vm: unknown kernel '$KNAME' (deb61, deb612, debug, sid72, deb612-arm64, deb61-arm64)" >&2
		return 1
		;;
	esac
}

vm_kmake() {
	local src=$1
	shift
	if [ -n "$KCHROOT" ]; then
		"$(dirname "${BASH_SOURCE[0]}")/chroot-run.sh" "$KCHROOT" "$src" make -C "$KDIR" M="$src" "$@"
	elif [ "$KARCH" = arm64 ]; then
		make -C "$KDIR" M="$src" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- "$@"
	else
		make -C "$KDIR" M="$src" "$@"
	fi
}
