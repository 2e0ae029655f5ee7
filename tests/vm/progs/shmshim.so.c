// SPDX-License-Identifier: GPL-2.0
/*
 * shmshim.so: LD_PRELOAD stand-in for SysV shared memory, for fio on the
 * debug kernel, which is built without CONFIG_SYSVIPC (shmget: ENOSYS).
 * fio keeps its job table in one SysV segment made before it forks the
 * jobs; a MAP_SHARED anonymous mapping made at shmget() time is shared
 * with those children just the same. Only what fio does is supported:
 * shmget(IPC_PRIVATE-style), shmat() of that id, shmdt(), IPC_RMID.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/shm.h>

#define NSEG 16

static struct {
	void *p;
	size_t size;
} seg[NSEG];

int shmget(key_t key, size_t size, int flags)
{
	int i;

	(void)key;
	(void)flags;
	for (i = 0; i < NSEG; i++) {
		if (seg[i].p)
			continue;
		seg[i].p = mmap(NULL, size, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (seg[i].p == MAP_FAILED) {
			seg[i].p = NULL;
			errno = ENOMEM;
			return -1;
		}
		seg[i].size = size;
		return i;
	}
	errno = ENOSPC;
	return -1;
}

void *shmat(int id, const void *addr, int flags)
{
	(void)addr;
	(void)flags;
	if (id < 0 || id >= NSEG || !seg[id].p) {
		errno = EINVAL;
		return (void *)-1;
	}
	return seg[id].p;
}

/* Segments live until exit: fio detaches only when it is done with them. */
int shmdt(const void *addr)
{
	(void)addr;
	return 0;
}

int shmctl(int id, int cmd, struct shmid_ds *buf)
{
	(void)buf;
	if (id < 0 || id >= NSEG || !seg[id].p) {
		errno = EINVAL;
		return -1;
	}
	return cmd == IPC_RMID ? 0 : (errno = EINVAL, -1);
}
