/* wm-instruction-label.c — a step's instruction in a label, its target in bold
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "wm-instruction-label.h"

gboolean
wm_instruction_label_set (GtkLabel   *label,
                          WmStep     *step,
                          const char *placeholder)
{
  const char *text = step ? wm_step_get_instruction (step) : NULL;
  g_autofree char *markup = NULL;

  g_return_val_if_fail (GTK_IS_LABEL (label), FALSE);

  if (text == NULL || *text == '\0')
    {
      gtk_label_set_text (label, placeholder);
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      return FALSE;
    }

  markup = wm_step_get_instruction_markup (step);
  gtk_label_set_markup (label, markup);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  return TRUE;
}
