#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/vm/run.sh --host-setup hook for tests/vm/guest/dropin-zram.sh:
# `make install-zram-dropin DESTDIR=WORKDIR/root` (never the host's /etc),
# then hand the installed file and the uninstaller to the guest.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=$2/root
rm -rf "$root"
make -s -C "$top" install-zram-dropin DESTDIR="$root" >&2
conf=etc/modprobe.d/tzram-zram-dropin.conf
[ -f "$root/$conf" ] || { echo "install-zram-dropin wrote no $root/$conf" >&2; exit 1; }
echo "$root/$conf:/$conf"
echo "$top/scripts/zram-dropin.sh:/usr/local/sbin/tzram-zram-dropin"
