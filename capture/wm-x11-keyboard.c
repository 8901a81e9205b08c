/* wm-x11-keyboard.c — raw key events to typed text and key combinations
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <X11/XKBlib.h>
#include <X11/keysym.h>
#include <xkbcommon/xkbcommon.h>

#include "wm-x11-backend-private.h"

/* Raw events carry no modifier state, so we keep it from the modifier keys themselves. */
static guint
modifier_for (KeySym sym)
{
  switch (sym)
    {
    case XK_Shift_L: case XK_Shift_R:
      return WM_MODIFIER_SHIFT;
    case XK_Control_L: case XK_Control_R:
      return WM_MODIFIER_CONTROL;
    case XK_Alt_L: case XK_Alt_R: case XK_Meta_L: case XK_Meta_R:
      return WM_MODIFIER_ALT;
    case XK_Super_L: case XK_Super_R: case XK_Hyper_L: case XK_Hyper_R:
      return WM_MODIFIER_SUPER;
    default:
      return 0;
    }
}

void
wm_x11_keyboard_update (WmX11Thread *t,
                        guint        keycode,
                        gboolean     pressed)
{
  KeySym sym = XkbKeycodeToKeysym (t->dpy, keycode, 0, 0);
  guint mod = modifier_for (sym);

  if (sym == XK_ISO_Level3_Shift || sym == XK_Mode_switch)
    t->altgr = pressed;
  else if (pressed)
    t->modifiers |= mod;
  else
    t->modifiers &= ~mod;
}

/* Keys that move on in a form or confirm: each is a step of its own. */
static const struct {
  KeySym      sym;
  const char *name;
} step_keys[] = {
  { XK_Return, N_("Enter") },
  { XK_KP_Enter, N_("Enter") },
  { XK_Tab, N_("Tab") },
  { XK_ISO_Left_Tab, N_("Tab") },
  { XK_Escape, N_("Escape") },
};

static char *
key_name (KeySym sym)
{
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (step_keys); i++)
    if (step_keys[i].sym == sym)
      return g_strdup (_(step_keys[i].name));

  /* Letters read as on the keycap: Ctrl+S, not Ctrl+s. */
  if (sym >= XK_a && sym <= XK_z)
    return g_strdup_printf ("%c", (char) g_ascii_toupper ((char) sym));

  name = XKeysymToString (sym);
  return g_strdup (name ? name : "?");
}

/* "Ctrl+Shift+T", in the order GNOME's shortcut settings show them. */
static char *
combination (guint  modifiers,
             KeySym sym)
{
  g_autofree char *key = key_name (sym);
  GString *s = g_string_new (NULL);

  if (modifiers & WM_MODIFIER_SUPER)
    g_string_append (s, _("Super+"));
  if (modifiers & WM_MODIFIER_CONTROL)
    g_string_append (s, _("Ctrl+"));
  if (modifiers & WM_MODIFIER_ALT)
    g_string_append (s, _("Alt+"));
  if (modifiers & WM_MODIFIER_SHIFT)
    g_string_append (s, _("Shift+"));
  g_string_append (s, key);

  return g_string_free (s, FALSE);
}

static gboolean
is_step_key (KeySym sym)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_keys); i++)
    if (step_keys[i].sym == sym)
      return TRUE;

  return (sym >= XK_F1 && sym <= XK_F35);
}

WmX11KeyAction
wm_x11_keyboard_translate (WmX11Thread  *t,
                           guint         keycode,
                           char        **text)
{
  KeySym base = XkbKeycodeToKeysym (t->dpy, keycode, 0, 0);
  int level = ((t->modifiers & WM_MODIFIER_SHIFT) ? 1 : 0) + (t->altgr ? 2 : 0);
  KeySym sym = XkbKeycodeToKeysym (t->dpy, keycode, 0, level);
  char utf8[8] = "";

  if (base == NoSymbol || modifier_for (base) != 0 || base == XK_ISO_Level3_Shift ||
      base == XK_Caps_Lock || base == XK_Num_Lock)
    return WM_X11_KEY_IGNORE;

  if (t->modifiers & (WM_MODIFIER_CONTROL | WM_MODIFIER_ALT | WM_MODIFIER_SUPER))
    {
      *text = combination (t->modifiers, base);
      return WM_X11_KEY_STEP;
    }
  if (is_step_key (base))
    {
      *text = combination (t->modifiers & ~WM_MODIFIER_SHIFT, base);
      return WM_X11_KEY_STEP;
    }
  if (base == XK_BackSpace)
    return WM_X11_KEY_ERASE;

  if (sym == NoSymbol)
    sym = base;
  if (xkb_keysym_to_utf8 (sym, utf8, sizeof utf8) <= 0 || (guchar) utf8[0] < 0x20 ||
      utf8[0] == 0x7f)
    return WM_X11_KEY_IGNORE;

  *text = g_strdup (utf8);
  memset (utf8, 0, sizeof utf8);
  return WM_X11_KEY_TEXT;
}

void
wm_x11_keyboard_erase (GString *typed)
{
  const char *last;
  gsize at;

  if (typed->len == 0)
    return;

  last = g_utf8_find_prev_char (typed->str, typed->str + typed->len);
  at = last ? (gsize) (last - typed->str) : 0;
  memset (typed->str + at, 0, typed->len - at);
  g_string_truncate (typed, at);
}

void
wm_x11_keyboard_forget (GString *typed)
{
  memset (typed->str, 0, typed->allocated_len);
  g_string_truncate (typed, 0);
}
