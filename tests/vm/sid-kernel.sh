#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sid-kernel.sh: prepare (once) Debian sid's Linux 7.2 for the VM harness
# (kernel "sid72"). Sid's headers need sid's compiler (gcc-16), which
# Debian 12 cannot install, so the module is built in a sid chroot made
# with mmdebstrap. Everything is cached outside the work tree under
# ${TZRAM_CACHE:-/var/cache/tzram}/sid72/:
#   apt/            apt state for sid (lists, downloaded kernel debs)
#   KVER/chroot/    sid with the kernel's headers and compiler, make, kmod,
#                   libelf-dev, bc, dkms (tests/vm/chroot-run.sh runs in it)
#   KVER/kernel/    linux-binary-, linux-modules- and linux-base-KVER unpacked
#                   (dpkg -x) and depmod'ed: usr/lib/modules/KVER/{vmlinuz,
#                   config, modules.builtin, kernel/...}
#   KVER/done       written last: the entry is complete
# KVER is the newest 7.2 ABI in sid's package lists (refreshed when older
# than a day; TZRAM_SID_KVER=7.2.N+debM-amd64 pins one). Without network,
# the newest complete cached entry is used. Root (mmdebstrap, chroot).
# Prints the entry's directory on stdout; progress on stderr.
set -euo pipefail
cache=${TZRAM_CACHE:-/var/cache/tzram}/sid72
mirror=${TZRAM_SID_MIRROR:-http://deb.debian.org/debian}
series=7.2
default_kver=7.2.13+deb14-amd64
say() { echo "sid-kernel: $*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (mmdebstrap, chroot): run as root"
for t in mmdebstrap apt-get dpkg depmod unshare; do
	command -v "$t" >/dev/null || die "$t not found: run 'make deps'"
done
mkdir -p "$cache"
exec 8>"$cache/lock"
flock 8
# shellcheck source=tests/vm/apt-state.sh disable=SC2154 # apt_opts: set by apt_state_init
. "$(dirname "$0")/apt-state.sh"
apt_state_init "$cache/apt" amd64 amd64 "$mirror sid main"

newest_cached() {
	local d
	for d in $(ls -d "$cache"/"$series".*/ 2>/dev/null | sort -V -r); do
		[ -f "$d/done" ] && { cat "$d/kver"; return 0; }
	done
	return 1
}

apt_state_update || say "apt-get update of sid's lists failed (log $cache/apt/update.log)"

kver=${TZRAM_SID_KVER:-}
if [ -z "$kver" ]; then
	kver=$(apt-cache "${apt_opts[@]}" pkgnames "linux-headers-$series." 2>/dev/null |
		sed -n "s/^linux-headers-\(${series//./\\.}\.[0-9]*+deb[0-9]*-amd64\)$/\1/p" |
		sort -V | tail -n 1)
	if [ -z "$kver" ]; then
		kver=$(newest_cached) || kver=$default_kver
		say "no $series ABI in sid's package lists; using $kver"
	fi
fi
# The entry's name holds the ABI and a hash of what goes into the chroot:
# changing the package list makes a new entry.
chroot_pkgs="make,linux-headers-$kver,libelf-dev,bc,kmod,dkms"
entry=$cache/$kver-$(echo "$chroot_pkgs" | sha256sum | cut -c1-8)
if [ -f "$entry/done" ]; then
	echo "$entry"
	exit 0
fi

say "preparing Linux $kver from sid into $entry (first time: downloads ~170 MB, ~3 min)"
rm -rf "$entry"
mkdir -p "$entry"
# The compiler the headers were made with: their gcc-N-for-host dependency.
gcc=$(apt-cache "${apt_opts[@]}" show "linux-headers-$kver" 2>/dev/null |
	sed -n 's/^Depends:.*\b\(gcc-[0-9][0-9]*\)-for-host.*/\1/p' | head -n 1)
[ -n "$gcc" ] || die "linux-headers-$kver not in sid's package lists (log $cache/apt/update.log)"

# The chroot. dkms: the DKMS VM test builds through it as a sid user would.
if ! mmdebstrap --mode=root --variant=apt \
	--aptopt='Acquire::Check-Valid-Until "false"' \
	--include="$gcc,$chroot_pkgs" \
	sid "$entry/chroot" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" \
	>"$entry/mmdebstrap.log" 2>&1; then
	tail -n 20 "$entry/mmdebstrap.log" >&2
	die "mmdebstrap failed (log $entry/mmdebstrap.log)"
fi
[ -f "$entry/chroot/usr/src/linux-headers-$kver/Makefile" ] ||
	die "the chroot has no /usr/src/linux-headers-$kver"

# The kernel QEMU boots and its modules (no maintainer scripts run).
(cd "$cache/apt/archives" && apt-get "${apt_opts[@]}" -qq download \
	"linux-binary-$kver" "linux-modules-$kver" "linux-base-$kver") >"$entry/download.log" 2>&1 ||
	{ tail -n 5 "$entry/download.log" >&2; die "apt-get download of linux-{binary,modules,base}-$kver failed"; }
mkdir -p "$entry/kernel"
for p in binary modules base; do
	deb=$(ls "$cache/apt/archives/linux-$p-${kver}_"*.deb | sort -V | tail -n 1)
	dpkg -x "$deb" "$entry/kernel"
done
[ -f "$entry/kernel/usr/lib/modules/$kver/vmlinuz" ] || die "linux-binary-$kver has no usr/lib/modules/$kver/vmlinuz"
depmod -b "$entry/kernel/usr" "$kver"
# The debs stay in apt/archives only until unpacked: the entry holds them.
rm -f "$cache/apt/archives/linux-"{binary,modules,base}"-${kver}_"*.deb
echo "$kver" >"$entry/kver"
touch "$entry/done"
say "ready: $entry"
echo "$entry"
