// SPDX-License-Identifier: GPL-2.0
/* Probe: zsmalloc's zs_obj_read_begin/end + zs_obj_write (replace zs_map_object). */
#include <linux/zsmalloc.h>

void tz_probe(struct zs_pool *pool, unsigned long handle, void *buf);
void tz_probe(struct zs_pool *pool, unsigned long handle, void *buf)
{
	void *p = zs_obj_read_begin(pool, handle, buf);

	zs_obj_read_end(pool, handle, p);
	zs_obj_write(pool, handle, buf, 1);
}
