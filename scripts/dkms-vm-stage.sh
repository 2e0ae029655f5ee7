#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/vm/run.sh --host-setup hook: DKMS-build and install tzram for KVER on
# this host, hand the installed module to the guest, leave DKMS clean.
exec "$(dirname "$0")/dkms.sh" vm-stage "$@"
