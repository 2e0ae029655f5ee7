#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# zram-dropin.sh install|uninstall [DESTDIR]: tzram as a drop-in for zram.
# Installs DESTDIR/etc/modprobe.d/tzram-zram-dropin.conf so that
# `modprobe zram num_devices=N` loads tzram with zram_compat=1 (zramN
# devices, /sys/class/zram-control: zramctl, zram-generator and zram's
# sysfs users work unmodified) and `modprobe -r zram` unloads it. Only on
# kernels where zram is a module: a built-in zram owns the names first.
# Uninstall deletes the file: `modprobe zram` loads stock zram again.
# DESTDIR (default empty: this system) lets the VM test install into a
# guest's root. (make install-zram-dropin / make uninstall-zram-dropin)
set -eu
conf=/etc/modprobe.d/tzram-zram-dropin.conf
dest=${2:-${DESTDIR:-}}
case "${1:-}" in
install)
	mkdir -p "$dest/etc/modprobe.d"
	# kmod's /sbin/modprobe (busybox's knows no --ignore-install). The
	# command-line options (num_devices=N, zram's only parameter, is also
	# tzram's) come first, so zram_compat=1 always wins.
	cat >"$dest$conf.tmp" <<'CONF'
# tzram drop-in for zram (installed by tzram's `make install-zram-dropin`;
# `make uninstall-zram-dropin` removes it and restores stock zram).
install zram /sbin/modprobe --ignore-install tzram $CMDLINE_OPTS zram_compat=1
remove zram /sbin/modprobe -r --ignore-remove tzram
CONF
	mv -f "$dest$conf.tmp" "$dest$conf"
	echo "tzram: installed $dest$conf: 'modprobe zram' now loads tzram (zram_compat=1)"
	;;
uninstall)
	rm -f "$dest$conf"
	echo "tzram: removed $dest$conf: 'modprobe zram' loads stock zram again"
	;;
*)
	echo "usage: zram-dropin.sh install|uninstall [DESTDIR]" >&2
	exit 1
	;;
esac
