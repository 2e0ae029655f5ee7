/* SPDX-License-Identifier: GPL-2.0 */
/* control.h - the device subsystem as the module entry sees it. */
#ifndef TZ_CONTROL_H
#define TZ_CONTROL_H

int tz_control_init(void);
void tz_control_exit(void);

#endif /* TZ_CONTROL_H */
