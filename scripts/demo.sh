#!/bin/bash
# `make demo`: the main job. Build tzram.ko and show it working: for real
# when this host can load modules (root, a kernel with module support and
# headers), otherwise inside the VM harness on Debian's 6.1 kernel.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if [ -e /proc/modules ] && [ "$(id -u)" = 0 ] && [ -d "/lib/modules/$(uname -r)/build" ]; then
	echo "demo: this host loads modules: building for $(uname -r) and loading for real"
	make module
	insmod ./tzram.ko
	dmesg | grep 'tzram:' | tail -n 2
	echo "demo: /sys/module/tzram/version = $(cat /sys/module/tzram/version)"
	rmmod tzram
	dmesg | grep 'tzram:' | tail -n 1
	exit 0
fi
echo "demo: this host cannot load modules (kernel $(uname -r)$([ -e /proc/modules ] || echo ', no module support')):"
echo "demo: building tzram.ko for Debian's 6.1 kernel and booting it in QEMU (tests/vm)"
tests/vm/run.sh --label demo deb61 demo
log=build/vm/deb61-demo/console.log
echo "---- what the guest did ----"
tr -d '\r' <"$log" | sed -n '/TZVM-TEST-BEGIN demo/,/TZVM-RESULT/p' | grep -v '^TZVM-TEST-BEGIN'
