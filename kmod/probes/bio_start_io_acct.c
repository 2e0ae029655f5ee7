// SPDX-License-Identifier: GPL-2.0
/* Probe (required): bio_start_io_acct()/bio_end_io_acct() for disk statistics. */
#include <linux/blkdev.h>

#if defined(HAVE_BIO_START_IO_ACCT)
void tz_probe(struct bio *bio);
void tz_probe(struct bio *bio)
{
	bio_end_io_acct(bio, bio_start_io_acct(bio));
}
#endif
