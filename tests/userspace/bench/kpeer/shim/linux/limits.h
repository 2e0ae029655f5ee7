/* SPDX-License-Identifier: GPL-2.0 */
/* Benchmark shim: the system uapi header, then ../../kpeer_shim.h. */
#include_next <linux/limits.h>
#include "../../kpeer_shim.h"
