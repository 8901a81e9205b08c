/* wm-a11y.c — names for controls that GTK 4.8 would read out as their type name
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 takes a button's accessible name from its label; an icon-only button, a menu
 * button or a drop-down without one reaches Orca as "GtkImage", "GtkMenuButton" or
 * "GtkToggleButton", and the tooltip only as a description. A mnemonic label is read with
 * its underscore. Every such control here has a tooltip, so that is its name.
 */
#define G_LOG_DOMAIN "wm-a11y"

#include "config.h"

#include "wm-a11y.h"

/* "Undo (Ctrl+Z)" → "Undo": the keys are not what the button does. */
static char *
name_from_tooltip (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  const char *keys;

  if (tooltip == NULL || *tooltip == '\0')
    return NULL;
  keys = g_strrstr (tooltip, " (");
  if (keys != NULL && g_str_has_suffix (tooltip, ")"))
    return g_strndup (tooltip, keys - tooltip);
  return g_strdup (tooltip);
}

static char *
without_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
set_name (GtkWidget  *widget,
          const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/* Menu buttons and drop-downs are read through the toggle button inside them. */
static void
name_with_inner_toggle (GtkWidget  *widget,
                        const char *name)
{
  set_name (widget, name);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      set_name (c, name);
}

static char *
button_name (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  GtkWidget *child = gtk_button_get_child (button);

  if (label != NULL && gtk_button_get_use_underline (button))
    return without_mnemonic (label);
  if (label == NULL && (gtk_button_get_icon_name (button) != NULL || GTK_IS_IMAGE (child)))
    return name_from_tooltip (GTK_WIDGET (button));
  return NULL;
}

static void
name_control (GtkWidget *widget)
{
  g_autofree char *name = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    {
      const char *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

      name = label ? without_mnemonic (label) : name_from_tooltip (widget);
      if (name != NULL)
        name_with_inner_toggle (widget, name);
    }
  else if (GTK_IS_DROP_DOWN (widget))
    {
      if ((name = name_from_tooltip (widget)) != NULL)
        name_with_inner_toggle (widget, name);
    }
  else if (GTK_IS_BUTTON (widget) && (name = button_name (GTK_BUTTON (widget))) != NULL)
    set_name (widget, name);
}

void
wm_a11y_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_control (root);
  /* A menu button's or drop-down's own toggle is named with it. */
  if (GTK_IS_MENU_BUTTON (root) || GTK_IS_DROP_DOWN (root))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    wm_a11y_name_controls (c);
}
