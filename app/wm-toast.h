/* wm-toast.h — toasts made one way: a title and an optional button bound to an action
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @title; with @button_label, a button activating @action_name with @target
 * (may be NULL; a floating one is sunk). */
AdwToast *wm_toast_new (const char *title,
                        const char *button_label,
                        const char *action_name,
                        GVariant   *target);

G_END_DECLS
