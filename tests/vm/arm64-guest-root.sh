#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# arm64-guest-root.sh: the arm64 builds of the guest's tools, made once.
# The x86 guests get the host's own binaries (tests/vm/guest-tools.txt);
# an arm64 guest needs Debian's arm64 packages of the same tools. Each
# tool's package is the one that holds it on the host (dpkg -S); those,
# busybox-static and their dependencies are unpacked, not installed
# (mmdebstrap --variant=extract: nothing arm64 runs on the host), into
#   ${TZRAM_CACHE:-/var/cache/tzram}/arm64/guest-KEY/root
# KEY hashes the package list and this recipe. initramfs.sh picks the tools
# and the libraries they load (ld.so --list under qemu-aarch64-static) from
# there. Prints the root directory on stdout; progress on stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${TZRAM_CACHE:-/var/cache/tzram}/arm64
mirror=${TZRAM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${TZRAM_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
say() { echo "arm64-guest-root: $*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (mmdebstrap): run as root"
command -v mmdebstrap >/dev/null || die "mmdebstrap not found: run 'make deps'"

# The Debian package that holds host path $1 (merged /usr: try both).
host_package() {
	local q pkg
	for q in "$1" "${1#/usr}" "/usr$1"; do
		pkg=$(dpkg -S "$q" 2>/dev/null | head -n 1 | cut -d: -f1)
		[ -n "$pkg" ] && { echo "$pkg"; return 0; }
	done
	return 1
}

pkgs="busybox-static libc6"
for t in $(sed 's/#.*//' "$here/guest-tools.txt"); do
	p=$(command -v "$t" || echo "$t")
	[ -e "$p" ] || die "guest tool $t not found on the host: run 'make deps'"
	pkg=$(host_package "$(readlink -f "$p")") || pkg=$(host_package "$p") ||
		die "no Debian package holds $p"
	pkgs="$pkgs $pkg"
done
pkgs=$(echo "$pkgs" | tr ' ' '\n' | sort -u | tr '\n' ',' | sed 's/,$//')
key=$( (echo "$pkgs $mirror $security"; sed -n '/^# recipe/,$p' "$0") | sha256sum | cut -c1-16)
dir=$cache/guest-$key
if [ -f "$dir/done" ]; then
	echo "$dir/root"
	exit 0
fi
mkdir -p "$cache"
exec 8>"$cache/guest.lock"
flock 8
[ -f "$dir/done" ] && { echo "$dir/root"; exit 0; }
# recipe
say "unpacking Debian arm64 packages for the guest ($pkgs) into $dir (first time: ~60 MB, ~30 s)"
rm -rf "$dir"
mkdir -p "$dir"
if ! mmdebstrap --mode=root --variant=extract --architectures=arm64 --include="$pkgs" \
	bookworm "$dir/root" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
	"deb $security bookworm-security main" >"$dir/mmdebstrap.log" 2>&1; then
	tail -n 20 "$dir/mmdebstrap.log" >&2
	die "mmdebstrap failed (log $dir/mmdebstrap.log)"
fi
[ -x "$dir/root/bin/busybox" ] || die "busybox-static:arm64 left no /bin/busybox"
touch "$dir/done"
echo "$dir/root"
