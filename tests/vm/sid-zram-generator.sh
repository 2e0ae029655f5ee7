#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sid-zram-generator.sh KVER WORKDIR: tests/vm/run.sh --host-setup hook
# that gives the guest sid's zram-generator as
# /usr/local/bin/zram-generator-sid. From 1.2 on, zram-generator writes
# "compression-algorithm = ALGO(PARAMS)" to algorithm_params as
# "algo=ALGO PARAMS" (so `zstd(dict=PATH)` sets a dictionary); Debian 12's
# 1.1.2 writes the whole string to comp_algorithm. Sid's build needs sid's
# C library, newer than the guest's (Debian 12's), so its loader and the
# libraries it names come from the sid72 chroot (tests/vm/sid-kernel.sh),
# under /sid in the guest, and a wrapper runs it through that loader.
# The package is downloaded once into the sid72 cache entry.
# Prints src:/dest pairs for VM_EXTRA; progress on stderr.
set -euo pipefail
vm_dir=$(cd "$(dirname "$0")" && pwd)
work=$2
entry=$("$vm_dir/sid-kernel.sh")
root=$entry/chroot
gen_dir=$entry/zram-generator
gen=$gen_dir/usr/lib/systemd/system-generators/zram-generator

exec 9>"$entry/zram-generator.lock"
flock 9
# shellcheck disable=SC2154 # apt_dir, apt_opts: set by apt_state_init
if [ ! -x "$gen" ]; then
	# shellcheck source=tests/vm/apt-state.sh
	. "$vm_dir/apt-state.sh"
	apt_state_init "$(dirname "$entry")/apt" amd64 amd64 \
		"${TZRAM_SID_MIRROR:-http://deb.debian.org/debian} sid main"
	apt_state_update || echo "sid-zram-generator: apt-get update failed (old lists used)" >&2
	(cd "$apt_dir/archives" && apt-get "${apt_opts[@]}" -qq download systemd-zram-generator) >&2 ||
		{ echo "sid-zram-generator: apt-get download systemd-zram-generator failed" >&2; exit 1; }
	deb=$(ls "$apt_dir/archives/systemd-zram-generator_"*.deb | sort -V | tail -n 1)
	rm -rf "$gen_dir"
	dpkg -x "$deb" "$gen_dir"
	[ -x "$gen" ] || { echo "sid-zram-generator: $deb has no $gen" >&2; exit 1; }
fi
flock -u 9

# sid's loader, and each library the program names, from the chroot
echo "$root/lib64/ld-linux-x86-64.so.2:/sid/ld-linux-x86-64.so.2"
for lib in $(readelf -d "$gen" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
	f=$root/usr/lib/x86_64-linux-gnu/$lib
	[ -e "$f" ] || { echo "sid-zram-generator: $lib not in the sid chroot" >&2; exit 1; }
	echo "$f:/sid/$lib"
done
echo "$gen:/sid/zram-generator"
mkdir -p "$work"
printf '#!/bin/sh\nexec /sid/ld-linux-x86-64.so.2 --library-path /sid /sid/zram-generator "$@"\n' \
	>"$work/zram-generator-sid"
echo "$work/zram-generator-sid:/usr/local/bin/zram-generator-sid"
