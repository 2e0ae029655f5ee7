/* SPDX-License-Identifier: GPL-2.0 */
/* Benchmark shim: see ../../kpeer_shim.h. */
#include "../../kpeer_shim.h"
