#!/bin/sh
# Pick the kernel build directory for `make module` when KDIR is not given:
# the running kernel's build dir if it exists, else the newest installed
# /lib/modules/*/build. Prints the directory; says on stderr which and why.
running="/lib/modules/$(uname -r)/build"
if [ -d "$running" ]; then
	echo "tzram: KDIR=$running (running kernel)" >&2
	echo "$running"
	exit 0
fi
newest=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)
if [ -n "$newest" ] && [ -d "$newest" ]; then
	echo "tzram: KDIR=$newest (newest installed headers; running kernel $(uname -r) has none)" >&2
	echo "$newest"
	exit 0
fi
echo "tzram: no kernel headers found: install them with 'apt-get install linux-headers-amd64' (or 'make deps'), or pass KDIR=/path/to/kernel/build" >&2
exit 1
