#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# arm64-kernel.sh [6.12|6.1]: prepare (once) Debian 12's arm64 Linux 6.12
# (default; kernel "deb612-arm64") or 6.1 ("deb61-arm64", built against
# only) for the VM harness: the module is cross-built against its headers
# with gcc-aarch64-linux-gnu and booted in qemu-system-aarch64.
# No multiarch on the host (installing arm64 headers that way would replace
# the host's gcc): the debs are fetched with apt-get download into a cache
# and unpacked with dpkg -x. Cached under ${TZRAM_CACHE:-/var/cache/tzram}/arm64/:
#   apt/          apt state for bookworm (+ -updates, -security), arm64 + amd64
#   KVER/root/    linux-headers-KVER, its -common, linux-kbuild (amd64: the
#                 build runs here) and linux-image-KVER-unsigned, unpacked;
#                 usr/src/linux-headers-KVER is the KDIR, lib/modules/KVER
#                 the stock modules (depmod'ed)
#   KVER/Image    the uncompressed kernel image QEMU boots
#   KVER/done     written last: the entry is complete
# KVER is the newest arm64 ABI of the series in the lists (refreshed when
# older than a day); TZRAM_ARM64_KVER pins one.
# Prints the entry's directory on stdout; progress on stderr.
set -euo pipefail
cache=${TZRAM_CACHE:-/var/cache/tzram}/arm64
mirror=${TZRAM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${TZRAM_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
series=${1:-6.12}
case "$series" in
6.12) abi_re='6\.12\.[0-9]*+deb[0-9]*' default_kver=6.12.118+deb12-arm64 ;;
6.1) abi_re='6\.1\.0-[0-9]*' default_kver=6.1.0-57-arm64 ;;
*) echo "arm64-kernel: series 6.12 or 6.1, not '$series'" >&2; exit 2 ;;
esac
say() { echo "arm64-kernel: $*" >&2; }
die() { say "$*"; exit 1; }

for t in apt-get dpkg depmod aarch64-linux-gnu-gcc; do
	command -v "$t" >/dev/null || die "$t not found: run 'make deps'"
done
mkdir -p "$cache"
exec 8>"$cache/lock"
flock 8
# shellcheck source=tests/vm/apt-state.sh disable=SC2154 # apt_opts: set by apt_state_init
. "$(dirname "$0")/apt-state.sh"
apt_state_init "$cache/apt" arm64 arm64,amd64 \
	"$mirror bookworm main" "$mirror bookworm-updates main" "$security bookworm-security main"
apt_state_update || say "apt-get update failed (log $cache/apt/update.log)"

kver=${TZRAM_ARM64_KVER:-}
if [ -z "$kver" ]; then
	kver=$(apt-cache "${apt_opts[@]}" pkgnames "linux-headers-$series." 2>/dev/null |
		sed -n "s/^linux-headers-\($abi_re-arm64\)\$/\1/p" | sort -V | tail -n 1)
	if [ -z "$kver" ]; then
		kver=$( (ls "$cache"/"$series".*/done 2>/dev/null || true) | xargs -r -n1 dirname | xargs -r -n1 basename | sort -V | tail -n 1)
		kver=${kver:-$default_kver}
		say "no $series arm64 ABI in the package lists; using $kver"
	fi
fi
entry=$cache/$kver
if [ -f "$entry/done" ]; then
	echo "$entry"
	exit 0
fi

# 6.12.118+deb12-arm64 -> 6.12.118+deb12 (common headers, kbuild);
# 6.1.0-57-arm64 -> 6.1.0-57 (common), kbuild 6.1.
base=${kver%-arm64}
case "$base" in
6.1.0-*) kbuild=linux-kbuild-6.1 ;;
*) kbuild=linux-kbuild-$base ;;
esac
pkgs=("linux-headers-$kver" "linux-headers-$base-common" "$kbuild:amd64" "linux-image-$kver-unsigned")
say "preparing Debian's arm64 Linux $kver into $entry (first time: downloads ~110 MB)"
rm -rf "$entry"
mkdir -p "$entry/root" "$entry/debs"
(cd "$entry/debs" && apt-get "${apt_opts[@]}" -qq download "${pkgs[@]}") >"$entry/download.log" 2>&1 ||
	{ tail -n 5 "$entry/download.log" >&2; die "apt-get download ${pkgs[*]} failed"; }
for deb in "$entry"/debs/*.deb; do
	dpkg -x "$deb" "$entry/root"
done
rm -rf "$entry/debs"

kdir=$entry/root/usr/src/linux-headers-$kver
[ -f "$kdir/Makefile" ] || die "linux-headers-$kver has no Makefile"
# The arch headers include the common ones by absolute path (/usr/src/...):
# point that at the copy here. scripts/ and tools/ are relative links into
# the unpacked linux-kbuild.
sed -i "s|^include /usr/src/|include $entry/root/usr/src/|" "$kdir/Makefile"
[ -x "$kdir/scripts/basic/fixdep" ] || [ -x "$kdir/scripts/mod/modpost" ] ||
	die "$kbuild did not provide scripts for $kdir"

# QEMU 7.2 boots a raw arm64 Image; Debian ships it gzip-compressed.
vmlinuz=$entry/root/boot/vmlinuz-$kver
[ -f "$vmlinuz" ] || die "linux-image-$kver-unsigned has no /boot/vmlinuz-$kver"
if gzip -t "$vmlinuz" 2>/dev/null; then
	gzip -dc "$vmlinuz" >"$entry/Image"
else
	cp "$vmlinuz" "$entry/Image"
fi
depmod -b "$entry/root" "$kver"
echo "$kver" >"$entry/kver"
touch "$entry/done"
say "ready: $entry"
echo "$entry"
