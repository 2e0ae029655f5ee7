// SPDX-License-Identifier: GPL-2.0
/*
 * backend_cpu.c - decode a batch with tzram's own codecs (kmod/simd, the
 * same code the kernel runs), found in the codec registry by the
 * protocol's algorithm id, on a pool of threads: each thread takes the
 * next pages (up to TZ_JOBS_BATCH, for the codec's batch call; fewer
 * near the end, so that every thread gets a share) from a shared counter
 * until the batch is done.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "batch.h"
#include "helper.h"
#include "tz_codec.h"

struct cpu_pool {
	pthread_mutex_t lock;
	pthread_cond_t go, done;
	unsigned long gen;		/* batch generation */
	struct tz_job *jobs;
	unsigned int n, next, finished;
	int nthreads, quit;
	pthread_t *tids;
};

/*
 * Jobs for the next taker (lock held): a batch call's worth, but no more
 * than a fair share of what is left, so that small batches still spread
 * over the threads.
 */
static unsigned int cpu_take(const struct cpu_pool *p)
{
	unsigned int left = p->n - p->next;
	unsigned int k = (left + p->nthreads - 1) / p->nthreads;

	return k < 1 ? 1 : (k > TZ_JOBS_BATCH ? TZ_JOBS_BATCH : k);
}

static void *worker(void *arg)
{
	struct cpu_pool *p = arg;
	unsigned long seen = 0;
	size_t dsize = tz_job_dwork_size();
	void *dwork = dsize ? malloc(dsize) : NULL;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->quit && p->gen == seen)
			pthread_cond_wait(&p->go, &p->lock);
		if (p->quit)
			break;
		seen = p->gen;
		while (p->next < p->n) {
			struct tz_job *j = &p->jobs[p->next];
			unsigned int k = cpu_take(p);

			p->next += k;
			pthread_mutex_unlock(&p->lock);
			tz_jobs_decode(j, k, dwork);
			pthread_mutex_lock(&p->lock);
			p->finished += k;
			if (p->finished == p->n)
				pthread_cond_signal(&p->done);
		}
	}
	pthread_mutex_unlock(&p->lock);
	free(dwork);
	return NULL;
}

static int cpu_run(struct tz_backend *b, struct tz_job *jobs, unsigned int n)
{
	struct cpu_pool *p = b->priv;

	pthread_mutex_lock(&p->lock);
	p->jobs = jobs;
	p->n = n;
	p->next = 0;
	p->finished = 0;
	p->gen++;
	pthread_cond_broadcast(&p->go);
	while (p->finished < n)
		pthread_cond_wait(&p->done, &p->lock);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

static void cpu_fini(struct tz_backend *b)
{
	struct cpu_pool *p = b->priv;
	int i;

	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->tids[i], NULL);
	free(p->tids);
	free(p);
	free(b);
}

struct tz_backend *tz_backend_cpu(int threads)
{
	struct tz_backend *b = calloc(1, sizeof(*b));
	struct cpu_pool *p = calloc(1, sizeof(*p));
	pthread_attr_t attr;
	int i;

	if (!b || !p)
		goto fail;
	if (threads <= 0)
		threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads <= 0)
		threads = 1;
	if (threads > 256)
		threads = 256;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	p->tids = calloc(threads, sizeof(*p->tids));
	if (!p->tids)
		goto fail;
	/* Small stacks: mlockall(MCL_FUTURE) locks every thread's stack. */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	for (i = 0; i < threads; i++) {
		if (pthread_create(&p->tids[i], &attr, worker, p))
			break;
		p->nthreads++;
	}
	pthread_attr_destroy(&attr);
	if (!p->nthreads)
		goto fail;
	tz_cpu_init();
	b->name = "cpu";
	b->algs = 0;
	for (i = 0; tz_codecs[i]; i++)
		if (tz_codecs[i]->genl_alg)
			b->algs |= TZ_HF_ALG(tz_codecs[i]->genl_alg);
	b->run = cpu_run;
	b->fini = cpu_fini;
	b->priv = p;
	info("cpu backend: %d threads, codec variant %s", p->nthreads,
	     tz_variant_name(tz_variant_active()));
	return b;
fail:
	if (p)
		free(p->tids);
	free(p);
	free(b);
	return NULL;
}
