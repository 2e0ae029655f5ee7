// SPDX-License-Identifier: GPL-2.0
/* Probe: how zsmalloc gives access to a stored object's bytes. */
#include <linux/mm.h>
#include <linux/zsmalloc.h>

void tz_probe(struct zs_pool *pool, unsigned long handle, void *buf);
void tz_probe(struct zs_pool *pool, unsigned long handle, void *buf)
{
#if defined(HAVE_ZS_OBJ_RW_LEN)
	/* Read/write calls that take the object's length (as in 7.2). */
	void *p = zs_obj_read_begin(pool, handle, 1, buf);

	zs_obj_read_end(pool, handle, 1, p);
	zs_obj_write(pool, handle, buf, 1);
#elif defined(HAVE_ZS_OBJ_RW)
	/* Their first form, without the length. */
	void *p = zs_obj_read_begin(pool, handle, buf);

	zs_obj_read_end(pool, handle, p);
	zs_obj_write(pool, handle, buf, 1);
#elif defined(HAVE_ZS_MAP_OBJECT)
	/* Before them (6.1, 6.12): map and unmap. */
	void *p = zs_map_object(pool, handle, ZS_MM_RO);

	zs_unmap_object(pool, handle);
	(void)p;
#endif
}
