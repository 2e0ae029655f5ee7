#!/bin/sh
# Pick the kernel build directory for `make module` when KDIR is not given:
# the running kernel's build dir if it exists, else the newest installed
# /lib/modules/*/build. Prints the directory; says on stderr which and why.
# (TZ_MODULES_DIR replaces /lib/modules: tests.)
mods=${TZ_MODULES_DIR:-/lib/modules}
running="$mods/$(uname -r)/build"
if [ -f "$running/Makefile" ]; then
	echo "tzram: KDIR=$running (running kernel)" >&2
	echo "$running"
	exit 0
fi
newest=$(ls -d "$mods"/*/build/Makefile 2>/dev/null | sort -V | tail -n 1)
newest=${newest%/Makefile}
if [ -n "$newest" ]; then
	echo "tzram: KDIR=$newest (newest installed headers; running kernel $(uname -r) has none)" >&2
	echo "$newest"
	exit 0
fi
arch=$(dpkg --print-architecture 2>/dev/null || echo ARCH)
echo "tzram: no kernel headers found in $mods/*/build: install the running kernel's (Debian: apt-get install linux-headers-$(uname -r); the newest: linux-headers-$arch), or pass KDIR=/path/to/kernel/build" >&2
exit 1
