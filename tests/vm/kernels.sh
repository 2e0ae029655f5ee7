#!/bin/bash
# Resolve a test kernel name to what the harness needs. Sourced; after
# `vm_kernel NAME` these are set:
#   KNAME    deb61 | deb612 | debug
#   KVER     module directory name (uname -r in the guest)
#   KIMAGE   image QEMU boots (-kernel)
#   KDIR     kernel build dir to build tzram.ko against
#   KMODROOT root under which lib/modules/$KVER holds the stock modules
vm_kernel() {
	KNAME=$1
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
	*)
		echo "vm: unknown kernel '$KNAME' (deb61, deb612, debug)" >&2
		return 1
		;;
	esac
}
