// SPDX-License-Identifier: GPL-2.0
/* backend_cuda_stub.c - the cuda backend when built without nvcc. */
#include <stddef.h>
#include "helper.h"

struct tz_backend *tz_backend_cuda(int device)
{
	(void)device;
	return NULL;
}

int tz_cuda_built(void)
{
	return 0;
}
