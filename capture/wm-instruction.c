/* wm-instruction.c — the sentence a reader follows, made from what was captured
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-instruction.h"

/* How a role reads after the name: "the Save button". NULL: the role adds nothing. */
static const struct {
  const char *role;
  const char *noun;
} role_nouns[] = {
  { "push button", N_("button") },
  { "button", N_("button") },
  { "toggle button", N_("toggle") },
  { "check box", N_("checkbox") },
  { "radio button", N_("option") },
  { "menu item", N_("menu item") },
  { "check menu item", N_("menu item") },
  { "radio menu item", N_("menu item") },
  { "menu", N_("menu") },
  { "link", N_("link") },
  { "page tab", N_("tab") },
  { "combo box", N_("list") },
  { "entry", N_("field") },
  { "text", N_("field") },
  { "password text", N_("field") },
  { "spin button", N_("field") },
  { "slider", N_("slider") },
  { "switch", N_("switch") },
  { "icon", N_("icon") },
};

static const char *
noun_for_role (const char *role)
{
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (role_nouns); i++)
    if (g_str_equal (role_nouns[i].role, role))
      return _(role_nouns[i].noun);

  return NULL;
}

static const char *
place_of (WmStep *step)
{
  const char *title = wm_step_get_window_title (step);

  if (title != NULL && *title != '\0')
    return title;

  return wm_step_get_app_name (step);
}

/* "the Save button", "“notes.txt”", or NULL when nothing was named. */
static char *
describe_target (WmStep *step)
{
  const char *name = wm_step_get_target_name (step);
  const char *noun = noun_for_role (wm_step_get_target_role (step));

  if (name == NULL || *name == '\0')
    return noun ? g_strdup_printf (_("the %s"), noun) : NULL;
  if (noun == NULL)
    return g_strdup_printf (_("“%s”"), name);

  /* TRANSLATORS: "the Save button": a control's name, then what kind it is. */
  return g_strdup_printf (_("the %s %s"), name, noun);
}

static const char *
verb_for (WmStep *step)
{
  switch (wm_step_get_kind (step))
    {
    case WM_STEP_DOUBLE_CLICK:
      return _("Double-click");
    case WM_STEP_RIGHT_CLICK:
      return _("Right-click");
    default:
      return wm_step_get_button (step) == 2 ? _("Middle-click") : _("Click");
    }
}

static char *
click_instruction (WmStep *step)
{
  g_autofree char *target = describe_target (step);
  const char *place = place_of (step);

  if (target != NULL && place != NULL)
    /* TRANSLATORS: "Click the Save button in Text Editor" */
    return g_strdup_printf (_("%s %s in %s"), verb_for (step), target, place);
  if (target != NULL)
    return g_strdup_printf (_("%s %s"), verb_for (step), target);
  if (place != NULL)
    /* TRANSLATORS: nothing is known about what was clicked, only the window */
    return g_strdup_printf (_("%s in %s"), verb_for (step), place);

  return g_strdup (verb_for (step));
}

static char *
type_instruction (WmStep   *step,
                  gboolean  is_password)
{
  g_autofree char *target = describe_target (step);

  if (is_password)
    return g_strdup (_("Type your password"));
  if (target != NULL)
    /* TRANSLATORS: Type “hello” in the Name field */
    return g_strdup_printf (_("Type “%s” in %s"), wm_step_get_text (step), target);

  return g_strdup_printf (_("Type “%s”"), wm_step_get_text (step));
}

char *
wm_instruction_for_step (WmStep   *step,
                         gboolean  is_password)
{
  g_return_val_if_fail (WM_IS_STEP (step), NULL);

  switch (wm_step_get_kind (step))
    {
    case WM_STEP_TYPE:
      return type_instruction (step, is_password);

    case WM_STEP_KEY:
      /* TRANSLATORS: Press Ctrl+S */
      return g_strdup_printf (_("Press %s"), wm_step_get_text (step));

    case WM_STEP_MANUAL:
    case WM_STEP_NOTE:
      return place_of (step) ? g_strdup_printf (_("In %s"), place_of (step)) : NULL;

    case WM_STEP_CLICK:
    case WM_STEP_DOUBLE_CLICK:
    case WM_STEP_RIGHT_CLICK:
    default:
      return click_instruction (step);
    }
}
