#!/bin/bash
# run.sh [options] KERNEL TEST...
# Build tzram.ko for KERNEL (deb61, deb612, debug, sid72, deb612-arm64),
# boot it in QEMU (TCG) with a busybox initramfs holding the module, the guest test scripts
# tests/vm/guest/TEST.sh and the real tools (the host's; Debian's arm64
# builds for deb612-arm64, booted in qemu-system-aarch64), and judge the run.
# Prints one summary line; exit 0 only if the run passed.
#   --timeout S     hard limit for the boot (default 300)
#   --mem M         guest memory (default 1G)
#   --smp N         guest CPUs (default 2)
#   --kcflags F     extra compiler flags for the module (harness self-tests)
#   --label L       name for this run's build dir and log (default: tests)
#   --plant SCRIPT  run SCRIPT in the module's source copy first (plants a bug)
#   --expect-fail RE  pass only if the run fails with a report matching RE
#                   (harness self-tests: proves the judge catches RE)
#   --no-module     boot without tzram.ko (tests that need stock zram only)
#   --build-only    build tzram.ko for KERNEL (-Werror) and stop: no boot,
#                   no TEST needed (kernels only built against)
#   --append ARGS   more kernel command line (e.g. kmemleak=on, kunit.enable=0)
#   --disk SIZE     attach a fresh sparse virtio disk of SIZE (guest: /dev/vda
#                   after `modprobe virtio_pci virtio_blk`): swap that is not RAM
#   --bin PATH      copy the host binary PATH (relative to the top of the
#                   tree, or absolute) with its shared libraries into the
#                   guest's /usr/local/bin (repeatable; adds to VM_BINS)
#   --host-setup SCRIPT  run `SCRIPT KVER WORKDIR` on the host first (with
#                   KCHROOT set where the kernel is built in a chroot); each
#                   line it prints is a src:/dest pair for VM_EXTRA (e.g. a
#                   module built and installed by DKMS: scripts/dkms.sh)
#   VM_EXTRA="src:/dest ..." copies extra files into the guest.
set -uo pipefail
VM_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$VM_DIR/../.." && pwd)
BUILD=${BUILD:-$TOP/build}
. "$VM_DIR/kernels.sh"
. "$VM_DIR/initramfs.sh"

timeout=300 mem=1G smp=2 kcflags="" label="" expect_fail="" plant="" with_module=1 disk="" host_setup="" append=""
build_only=0
while [ $# -gt 0 ]; do
	case "$1" in
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--kcflags) kcflags=$2; shift 2 ;;
	--label) label=$2; shift 2 ;;
	--expect-fail) expect_fail=$2; shift 2 ;;
	--plant) plant=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
	--no-module) with_module=0; shift ;;
	--build-only) build_only=1; shift ;;
	--append) append="$append $2"; shift 2 ;;
	--disk) disk=$2; shift 2 ;;
	--host-setup) case "$2" in /*) host_setup=$2 ;; *) host_setup=$TOP/$2 ;; esac; shift 2 ;;
	--bin) case "$2" in /*) b=$2 ;; *) b=$TOP/$2 ;; esac
		[ -x "$b" ] || { echo "run.sh: --bin $2: not built (make userspace)" >&2; exit 1; }
		VM_BINS="${VM_BINS:-} $b"; shift 2 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || { [ $# = 1 ] && [ $build_only = 1 ]; } ||
	{ echo "usage: run.sh [options] KERNEL TEST..." >&2; exit 2; }
kname=$1
shift
label=${label:-$(echo "$*" | tr ' ' '+')}
[ $build_only = 1 ] && label=${label:-build}
name="vm-$kname $label"
start=$(date +%s)
verdict() { # verdict PASS|FAIL DETAIL
	local v=$1
	if [ -n "$expect_fail" ]; then
		if [ "$v" = FAIL ] && grep -Eq "$expect_fail" "$work/report.txt" 2>/dev/null; then
			v=PASS
			set -- "$v" "failed as planted: report matches '$expect_fail'"
		else
			v="FAIL (expected a failure matching '$expect_fail')"
		fi
	fi
	echo "$name: $v ($2, $(($(date +%s) - start)) s)"
	[ "$v" = PASS ]
}

vm_kernel "$kname" || { verdict FAIL "kernel unavailable"; exit 1; }
work=$BUILD/vm/$kname-$label
mkdir -p "$work" "$BUILD/vm/cache"
rm -f "$work/report.txt"
log=$work/console.log

ko=""
if [ "$with_module" = 1 ]; then
	# One build dir per kernel (and plant/flags), shared by the runs that
	# need the same module, so `make check` builds each module once; a lock
	# serialises runs that share it. The sources are mirrored by content:
	# only changed files are touched, so Kbuild rebuilds exactly what
	# changed (a plain copy keeps old mtimes: stale objects would be tested).
	variant=$(printf '%s\n' "$plant" "$kcflags" "$([ -n "$plant" ] && sha256sum <"$plant")" | sha256sum | cut -c1-12)
	src=$BUILD/vm/mod/$kname-$variant stage=$work/stage
	mkdir -p "$src"
	exec 9>"$src.lock"
	flock 9
	rm -rf "$stage"
	mkdir -p "$stage"
	tar -C "$TOP" --exclude='*.o' --exclude='*.ko' --exclude='*.cmd' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='tz_probes.h' -cf - Kbuild kmod uapi tests/kunit | tar -C "$stage" -xf -
	if [ -n "$plant" ]; then
		(cd "$stage" && "$plant") || { verdict FAIL "plant $plant did not apply"; exit 1; }
	fi
	(cd "$stage" && find . -type f) | while read -r f; do
		cmp -s "$stage/$f" "$src/$f" || install -D -m 0644 "$stage/$f" "$src/$f"
	done
	(cd "$src" && find . -type f \( -name '*.[ch]' -o -name '*.sh' -o -name '*.kbuild' -o -name Kbuild \) ! -name tz_probes.h) |
		while read -r f; do [ -e "$stage/$f" ] || rm -f "$src/$f"; done
	rm -rf "$stage"
	if ! vm_kmake "$src" KCFLAGS="-Werror $kcflags" -j"$(nproc)" modules >"$work/build.log" 2>&1; then
		tail -n 30 "$work/build.log"
		verdict FAIL "module build failed against $KDIR"
		exit 1
	fi
	# Without its DWARF (5.5 MB of 6): the 384M guests unpack the whole
	# initramfs in RAM and had no room left. Symbols stay (traces, KUnit).
	# The target's strip (the host's cannot read an arm64 object).
	kstrip=strip
	[ "$KARCH" = arm64 ] && kstrip=aarch64-linux-gnu-strip
	"$kstrip" --strip-debug -o "$work/tzram.ko" "$src/tzram.ko" ||
		{ verdict FAIL "$kstrip --strip-debug tzram.ko"; exit 1; }
	exec 9>&-
	ko=$work/tzram.ko
fi
if [ $build_only = 1 ]; then
	verdict PASS "tzram.ko built with -Werror against $KDIR ($KVER)"
	exit
fi

if [ -n "$host_setup" ]; then
	pairs=$(KCHROOT=$KCHROOT "$host_setup" "$KVER" "$work/host-setup" 2>"$work/host-setup.log") ||
		{ tail -n 20 "$work/host-setup.log"; verdict FAIL "--host-setup $host_setup"; exit 1; }
	VM_EXTRA="${VM_EXTRA:-} $pairs"
fi

# Device tests' static programs and data (tests/vm/progs/extra.sh) and
# the cached initramfs layers are shared by every run: one run at a time
# (re)builds them (make check runs VMs side by side: scripts/check.sh).
mkdir -p "$BUILD/vm/cache"
exec 8>"$BUILD/vm/cache/layers.lock"
flock 8
if [ "$KARCH" = arm64 ]; then
	progs=$BUILD/vm/progs-arm64 progs_cc=aarch64-linux-gnu-gcc tools=$BUILD/vm/cache/tools-arm64.cpio
	[ -z "${VM_BINS:-}" ] || { verdict FAIL "--bin copies host (x86-64) binaries: not into an arm64 guest"; exit 1; }
else
	progs=$BUILD/vm/progs progs_cc=gcc tools=$BUILD/vm/cache/tools.cpio
fi
VM_EXTRA="${VM_EXTRA:-} $("$VM_DIR/progs/extra.sh" "$progs" "$progs_cc")" || { verdict FAIL "tests/vm/progs/extra.sh"; exit 1; }
layer_tools "$tools" || { verdict FAIL "initramfs tools layer"; exit 1; }
layer_kmods "$BUILD/vm/cache/kmods-$KVER.cpio" || { verdict FAIL "initramfs modules layer"; exit 1; }
exec 8>&-
layer_run "$work/run.cpio" "$ko" "$@" || { verdict FAIL "initramfs run layer"; exit 1; }
cat "$tools" "$BUILD/vm/cache/kmods-$KVER.cpio" "$work/run.cpio" >"$work/initramfs.cpio"

drive=()
if [ -n "$disk" ]; then
	rm -f "$work/disk.img"
	truncate -s "$disk" "$work/disk.img"
	# A virtio PCI disk on both machines (guest: virtio_pci + virtio_blk).
	# shellcheck disable=SC2054 # commas are QEMU's option syntax
	drive=(-drive "file=$work/disk.img,if=none,id=disk0,format=raw,cache=unsafe"
		-device virtio-blk-pci,drive=disk0)
fi
if [ "$KARCH" = arm64 ]; then
	# -cpu max: every extension TCG emulates (ASIMD for the NEON codecs);
	# pauth-impdef: a cheap pointer-authentication algorithm (TCG runs
	# the architected one several times slower).
	# shellcheck disable=SC2054 # commas are QEMU's option syntax
	qemu=(qemu-system-aarch64 -M virt -accel tcg -cpu max,pauth-impdef=on)
	# cma=0: Debian's arm64 kernel sets 64 MiB aside for CMA, which no
	# test uses and which a 384 MiB guest misses.
	console="ttyAMA0 cma=0"
else
	qemu=(qemu-system-x86_64 -accel tcg -cpu max)
	console=ttyS0
fi
# The kernel's stall detectors count wall time, which TCG stretches
# 50-100x and a loaded host stretches again (a vCPU thread descheduled):
# an RCU stall or soft-lockup report after 21 s / 20 s of guest time is
# then ~0.3 s of real work. Their limits go to 120 s (RCU) and 120 s
# (soft lockup, 2 x watchdog_thresh): a task spinning for ever is still
# reported, and a test that hangs still ends at its timeout.
watchdogs="rcupdate.rcu_cpu_stall_timeout=120 watchdog_thresh=60"
last_console_line() { # LOG: its last line that is not the harness's own, printable
	tr -d '\r' <"$1" | grep -av -e '^$' -e 'killed at its' | tail -n 1 | tr -cd '[:print:]' | cut -c1-200
}
# before_init LOG QRC: how the kernel stopped before the guest's init ran
# (no TZVM-BOOT line): panicked, hung (killed at the timeout) or stopped;
# nothing when init ran.
before_init() {
	grep -aq '^TZVM-BOOT' "$1" && return
	if grep -aq 'Kernel panic' "$1"; then
		echo panicked
	elif [ "$2" = 137 ]; then
		echo hung
	else
		echo stopped
	fi
}
boot() {
	timeout -s KILL "$timeout" "${qemu[@]}" -smp "$smp" -m "$mem" \
		-nographic -no-reboot -kernel "$KIMAGE" -initrd "$work/initramfs.cpio" "${drive[@]}" \
		-append "console=$console panic=-1 oops=panic loglevel=7 $watchdogs${append} ${VM_APPEND:-}" \
		</dev/null >"$log" 2>&1
}
boot
qrc=$?
# A distro kernel that panics under TCG before the guest's init ran
# (no TZVM-BOOT line: nothing of tzram was loaded yet; seen on loaded
# hosts as an int3 while patching static keys at boot) is booted once
# more, and the run says so; a second such panic fails the run.
# So is one that hung before it (killed at the timeout without a
# TZVM-BOOT line; CI once killed a debug-kernel run at its timeout
# before any KUnit suite ended, where is unknown, never seen here).
# A hang or panic after init ran is the test's failure, never retried.
what=$(before_init "$log" $qrc)
if [ "$what" = panicked ] || [ "$what" = hung ]; then
	mv "$log" "$log.first-boot"
	echo "$name: the kernel $what before the guest's init ran (log $log.first-boot; last line: $(last_console_line "$log.first-boot")): booting once more"
	boot
	qrc=$?
	boot_failed_twice=$(before_init "$log" $qrc)
fi
if [ $qrc = 137 ]; then
	echo "$name: killed at its ${timeout} s timeout" >>"$log"
fi

# The report (judge, KTAP) goes to report.txt; shown unless a failure is
# what this run expects.
rc=0
"$VM_DIR/judge.sh" "$log" >"$work/report.txt" 2>&1 || rc=1
if [[ " $* " == *" kunit "* ]]; then
	# shellcheck disable=SC2046
	"$VM_DIR/ktap-check.sh" "$log" $("$VM_DIR/kunit-suites.sh") >>"$work/report.txt" 2>&1 || rc=1
fi
[ -n "${boot_failed_twice:-}" ] &&
	echo "boot: the kernel $boot_failed_twice before the guest's init ran, twice" >>"$work/report.txt"
[ -z "$expect_fail" ] && cat "$work/report.txt"
tests=$(grep -a -c 'TZVM-TEST .*: PASS' "$log")
# Where a run that timed out stood: its last guest marker and the last
# console line (a CI view keeps only the verdict).
if [ $qrc = 137 ]; then
	marker=$(grep -a '^TZVM' "$log" | tail -n 1 | cut -c1-120)
	twice=""
	[ -n "${boot_failed_twice:-}" ] && twice=", the kernel $boot_failed_twice before the guest's init ran, twice"
	verdict FAIL "timeout after ${timeout} s$twice; last marker: ${marker:-none}; last line: $(last_console_line "$log"); log $log"
	exit  # verdict's status: 0 where this timeout is what the run expects
fi
[ $rc = 0 ] && verdict PASS "$tests guest tests passed on $KVER" && exit 0
# The judge's first reasons on the verdict line too: a CI view that keeps
# only the last lines of a failed part must still say why it failed.
why=$(sed -n '/^---- console tail/q; p' "$work/report.txt" |
	grep -E -i -m 4 'fail|not ok|reported|no result|panick|timeout|BUG|WARNING' | tr -s ' \t\n' ' ' | cut -c1-300)
verdict FAIL "${why:+$why; }see $log"
