/* SPDX-License-Identifier: GPL-2.0 */
/* tzram.h - the module's version (dkms.conf must carry the same). */
#ifndef TZRAM_H
#define TZRAM_H

#define TZRAM_VERSION "0.1.0"

#endif /* TZRAM_H */
