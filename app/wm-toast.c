/* wm-toast.c — toasts made one way: a title and an optional button bound to an action
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-toast"

#include "config.h"

#include "wm-toast.h"

AdwToast *
wm_toast_new (const char *title,
              const char *button_label,
              const char *action_name,
              GVariant   *target)
{
  AdwToast *toast = adw_toast_new (title);

  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      if (target != NULL)
        adw_toast_set_action_target_value (toast, target);
    }
  else if (target != NULL)
    g_variant_unref (g_variant_ref_sink (target));

  return toast;
}
