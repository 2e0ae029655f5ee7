// SPDX-License-Identifier: GPL-2.0
/*
 * tzramctl - zramctl for tzram: `tzramctl [zramctl options]` lists, sets
 * up and resets tzram devices (and zram_compat=1 zramN devices) exactly as
 * zramctl does; subcommands add what zramctl cannot show. A subcommand is
 * one entry of the table below.
 */
#include <stdio.h>
#include <string.h>
#include "tzramctl.h"

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);	/* argv[0] is the subcommand */
};

static const struct subcommand subcommands[] = {
	{ "stat", tzc_cmd_stat },
	{ "top", tzc_cmd_top },
	{ "bench", tzc_cmd_bench },	/* tzramctl_bench.c: codec benchmark */
	{ "dict", tzc_cmd_dict },	/* tzramctl_dict.c: dictionary training */
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc > 1)
		for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
			if (!strcmp(argv[1], subcommands[i].name))
				return subcommands[i].run(argc - 1, argv + 1);
	/* Everything else is zramctl's command line. */
	return tzc_cmd_zramctl(argc, argv);
}
