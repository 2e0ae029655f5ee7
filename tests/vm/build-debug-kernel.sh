#!/bin/bash
# Build (once) the debug test kernel: linux-source-6.1 + tinyconfig +
# debug-kernel.config. The result is cached outside the work tree, keyed by
# the source tarball version and the fragment's hash, so reruns are free.
# Prints the cache directory (holding bzImage, build/ for KDIR and
# modules/ for stock modules) on stdout; progress goes to stderr.
# (QEMU boots the bzImage: this config's PVH entry triple-faults at once.)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src_tar=$(ls /usr/src/linux-source-6.1.tar.xz 2>/dev/null || true)
if [ -z "$src_tar" ]; then
	echo "build-debug-kernel: /usr/src/linux-source-6.1.tar.xz missing: run 'make deps'" >&2
	exit 1
fi
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
# The key covers the source version, the fragment and this recipe.
key=$( (echo "$srcver"; cat "$here/debug-kernel.config" "$0") | sha256sum | cut -c1-16)
cache=${TZRAM_CACHE:-/var/cache/tzram}/debug-kernel-$key
if [ -f "$cache/done" ]; then
	echo "$cache"
	exit 0
fi
echo "build-debug-kernel: building linux-source-6.1 $srcver (key $key) into $cache; ~15 min on 2 cores" >&2
rm -rf "$cache"
mkdir -p "$cache"
tar -C "$cache" -xf "$src_tar"
srcdir=$(echo "$cache"/linux-source-6.1)
out="$cache/build"
mkdir -p "$out"
{
	make -C "$srcdir" O="$out" ARCH=x86_64 tinyconfig
	"$srcdir/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$here/debug-kernel.config"
	make -C "$srcdir" O="$out" ARCH=x86_64 olddefconfig
} >"$cache/config.log" 2>&1
# merge_config only warns about options that did not stick; refuse that.
missing=""
while IFS= read -r line; do
	case "$line" in CONFIG_*=*) ;; *) continue ;; esac
	case "$line" in *=n) grep -qx "${line%=n}=y" "$out/.config" && missing="$missing ${line%=n}"; continue ;; esac
	grep -qx "$line" "$out/.config" || missing="$missing $line"
done <"$here/debug-kernel.config"
if [ -n "$missing" ]; then
	echo "build-debug-kernel: options that did not stick:$missing" >&2
	exit 1
fi
make -C "$srcdir" O="$out" ARCH=x86_64 -j"$(nproc)" bzImage modules >"$cache/build.log" 2>&1 || {
	tail -40 "$cache/build.log" >&2
	exit 1
}
make -C "$srcdir" O="$out" ARCH=x86_64 INSTALL_MOD_PATH="$cache/modules" modules_install >>"$cache/build.log" 2>&1
cp "$out/arch/x86/boot/bzImage" "$cache/bzImage"
touch "$cache/done"
echo "$cache"
