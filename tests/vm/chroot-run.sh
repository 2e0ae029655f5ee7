#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# chroot-run.sh CHROOT DIR CMD...: run CMD inside CHROOT (a build chroot
# from tests/vm/sid-kernel.sh) with the host's DIR bind-mounted at the same
# path, so paths in build logs and Kbuild's .cmd files are the host's. A
# private mount namespace keeps the mounts from outliving CMD or leaking
# into the host; /proc and /dev come from the host. Root.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: chroot-run.sh CHROOT DIR CMD..." >&2; exit 2; }
root=$1 dir=$2
shift 2
[ -x "$root/usr/bin/make" ] || { echo "chroot-run: $root is not a build chroot" >&2; exit 1; }
# shellcheck disable=SC2016
exec unshare --mount --propagation private bash -c '
	set -e
	root=$1 dir=$2
	shift 2
	mkdir -p "$root$dir" "$root/proc" "$root/dev"
	mount --bind "$dir" "$root$dir"
	mount --bind /proc "$root/proc"
	mount --rbind /dev "$root/dev"
	exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 "$@"
' chroot-run "$root" "$dir" "$@"
