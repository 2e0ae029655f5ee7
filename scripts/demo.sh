#!/bin/bash
# `make demo`: the main job. Build tzram.ko and tzramctl, create a device,
# swap on it, apply memory pressure, show tzramctl's view, and compare with
# stock zram (lz4) on the same data: for real when this host can load
# modules (root, a kernel with module support and headers), otherwise
# inside the VM harness on Debian's 6.1 kernel (tests/vm/guest/demo.sh).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
echo "demo: building tzramctl"
make -s "$top/build/helper/tzramctl"
if [ -e /proc/modules ] && [ "$(id -u)" = 0 ] && [ -d "/lib/modules/$(uname -r)/build" ]; then
	echo "demo: this host loads modules: building for $(uname -r) and running the demo for real"
	[ ! -e /sys/module/zram ] || { echo "demo: stock zram is loaded here; the demo compares against it: rmmod zram first" >&2; exit 1; }
	make module
	tests/vm/progs/extra.sh "$top/build/vm/progs" >/dev/null
	# insmod below: first the kernel modules tzram.ko links (its compressors).
	for m in $(modinfo -F depends "$top/tzram.ko" | tr , ' '); do modprobe "$m"; done
	# Memory pressure inside a 256 MiB cgroup, not on the whole machine.
	command -v systemd-run >/dev/null || { echo "demo: needs systemd-run (a memory-capped scope)" >&2; exit 1; }
	TZ_LIB=tests/vm/guest/lib.sh TZ_LOAD="insmod $top/tzram.ko" MEMFILL=$top/build/vm/progs/memfill \
		CORPUS=$top/build/vm/progs/corpus.bin DEMO_RAM_MB=256 \
		MEMFILL_WRAP="systemd-run --quiet --scope -p MemoryMax=256M -p MemorySwapMax=infinity" \
		PATH=$top/build/helper:$PATH sh -e tests/vm/guest/demo.sh
	exit 0
fi
echo "demo: this host cannot load modules (kernel $(uname -r)$([ -e /proc/modules ] || echo ', no module support')):"
echo "demo: building tzram.ko for Debian's 6.1 kernel and booting it in QEMU (tests/vm, TCG: slow, ~2 min)"
tests/vm/run.sh --mem 384M --timeout 400 --bin build/helper/tzramctl --label demo deb61 demo
log=build/vm/deb61-demo/console.log
echo "---- what the guest did ----"
tr -d '\r' <"$log" | sed -n '/TZVM-TEST-BEGIN demo/,/TZVM-RESULT/p' | grep -v '^TZVM-TEST-BEGIN' |
	grep -Ev '^\[ *[0-9]+\.[0-9]+\] (sh|memfill) \(|Adding [0-9]+k swap|zram[0-9]: detected capacity'
