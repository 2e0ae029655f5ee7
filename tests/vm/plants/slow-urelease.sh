#!/bin/sh
# Widen a race window (run inside the harness's source copy): the
# NETLINK_URELEASE notifier sleeps 1.5 s before ending the registration
# of the helper's socket. netlink_release() has already freed the port
# then, so for 1.5 s another socket may own the helper's port while the
# registration stands. `gpu_nltest portsteal` (guest gpu-portsteal) must
# see no batch reach that socket (issue 18 item 9).
set -e
f=kmod/gpu_netlink.c
sed -i 's/^#include <linux\/jiffies.h>$/#include <linux\/delay.h>\n#include <linux\/jiffies.h>/' $f
sed -i 's/^\t\t\(tz_gpu_helper_drop(.*"socket closed");\)$/\t\t{ if (n->portid == READ_ONCE(tz_helper.portid)) msleep(1500); \1 }/' $f
grep -q 'msleep(1500)' $f && grep -q 'linux/delay.h' $f ||
	{ echo "plant slow-urelease: pattern not found in $f" >&2; exit 1; }
