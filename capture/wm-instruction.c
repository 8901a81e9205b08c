/* wm-instruction.c — the sentence a reader follows, made from what was captured
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-instruction.h"

/* Each situation is one whole sentence for translators: a verb, the kind of control,
 * with or without the application. %1$s is always the control's name, %2$s the
 * application (or, for a menu item or list option, the menu or list it is in). */
typedef enum {
  VERB_CLICK,
  VERB_DOUBLE_CLICK,
  VERB_RIGHT_CLICK,
  VERB_MIDDLE_CLICK,
} Verb;

typedef struct {
  Verb          verb;
  WmTargetKind  kind;
  const char   *in_app;    /* %1$s name, %2$s application */
  const char   *alone;     /* %1$s name */
} Sentence;

static const Sentence sentences[] = {
  /* TRANSLATORS: %1$s is a button's name, %2$s an application */
  { VERB_CLICK, WM_TARGET_BUTTON, N_("Click the %1$s button in %2$s"),
    /* TRANSLATORS: %1$s is a button's name */
    N_("Click the %1$s button") },
  /* TRANSLATORS: %1$s is a toggle button's name, %2$s an application */
  { VERB_CLICK, WM_TARGET_TOGGLE, N_("Click the %1$s toggle in %2$s"),
    /* TRANSLATORS: %1$s is a toggle button's name */
    N_("Click the %1$s toggle") },
  /* TRANSLATORS: %1$s is a check box's label, %2$s an application */
  { VERB_CLICK, WM_TARGET_CHECK_BOX, N_("Click the %1$s check box in %2$s"),
    /* TRANSLATORS: %1$s is a check box's label */
    N_("Click the %1$s check box") },
  /* TRANSLATORS: %1$s is a radio button's label, %2$s an application */
  { VERB_CLICK, WM_TARGET_RADIO, N_("Choose the %1$s option in %2$s"),
    /* TRANSLATORS: %1$s is a radio button's label */
    N_("Choose the %1$s option") },
  /* TRANSLATORS: %1$s is a switch's label, %2$s an application */
  { VERB_CLICK, WM_TARGET_SWITCH, N_("Click the %1$s switch in %2$s"),
    /* TRANSLATORS: %1$s is a switch's label */
    N_("Click the %1$s switch") },
  /* TRANSLATORS: %1$s is a link's text, %2$s an application or web page */
  { VERB_CLICK, WM_TARGET_LINK, N_("Click the %1$s link in %2$s"),
    /* TRANSLATORS: %1$s is a link's text */
    N_("Click the %1$s link") },
  /* TRANSLATORS: %1$s is a tab's title, %2$s an application */
  { VERB_CLICK, WM_TARGET_TAB, N_("Click the %1$s tab in %2$s"),
    /* TRANSLATORS: %1$s is a tab's title */
    N_("Click the %1$s tab") },
  /* TRANSLATORS: %1$s is a menu item, %2$s an application (the menu is not known) */
  { VERB_CLICK, WM_TARGET_MENU_ITEM, N_("Click the %1$s menu item in %2$s"),
    /* TRANSLATORS: %1$s is a menu item */
    N_("Click the %1$s menu item") },
  /* TRANSLATORS: %1$s is an item of a list, %2$s an application (the list is not known) */
  { VERB_CLICK, WM_TARGET_LIST_ITEM, N_("Choose %1$s in %2$s"),
    /* TRANSLATORS: %1$s is an item of a list */
    N_("Choose %1$s") },
  /* TRANSLATORS: %1$s is a text field's label, %2$s an application */
  { VERB_CLICK, WM_TARGET_FIELD, N_("Click the %1$s field in %2$s"),
    /* TRANSLATORS: %1$s is a text field's label */
    N_("Click the %1$s field") },
  /* TRANSLATORS: %1$s is a drop-down list's label, %2$s an application */
  { VERB_CLICK, WM_TARGET_DROP_DOWN, N_("Open the %1$s list in %2$s"),
    /* TRANSLATORS: %1$s is a drop-down list's label */
    N_("Open the %1$s list") },
  /* TRANSLATORS: %1$s is a slider's label, %2$s an application */
  { VERB_CLICK, WM_TARGET_SLIDER, N_("Click the %1$s slider in %2$s"),
    /* TRANSLATORS: %1$s is a slider's label */
    N_("Click the %1$s slider") },
  /* TRANSLATORS: %1$s is a menu's title, %2$s an application */
  { VERB_CLICK, WM_TARGET_MENU, N_("Open the %1$s menu in %2$s"),
    /* TRANSLATORS: %1$s is a menu's title */
    N_("Open the %1$s menu") },
  /* TRANSLATORS: %1$s is a list's label, %2$s an application */
  { VERB_CLICK, WM_TARGET_LIST, N_("Click in the %1$s list in %2$s"),
    /* TRANSLATORS: %1$s is a list's label */
    N_("Click in the %1$s list") },
  /* TRANSLATORS: %1$s is an icon's label (a file, an application), %2$s an application */
  { VERB_CLICK, WM_TARGET_ICON, N_("Click %1$s in %2$s"),
    /* TRANSLATORS: %1$s is an icon's label */
    N_("Click %1$s") },
  /* TRANSLATORS: %1$s names what was clicked, of no known kind, %2$s an application */
  { VERB_CLICK, WM_TARGET_NONE, N_("Click %1$s in %2$s"),
    /* TRANSLATORS: %1$s names what was clicked, of no known kind */
    N_("Click %1$s") },

  /* TRANSLATORS: %1$s is a button's name, %2$s an application */
  { VERB_DOUBLE_CLICK, WM_TARGET_BUTTON, N_("Double-click the %1$s button in %2$s"),
    /* TRANSLATORS: %1$s is a button's name */
    N_("Double-click the %1$s button") },
  /* TRANSLATORS: %1$s is a text field's label, %2$s an application */
  { VERB_DOUBLE_CLICK, WM_TARGET_FIELD, N_("Double-click the %1$s field in %2$s"),
    /* TRANSLATORS: %1$s is a text field's label */
    N_("Double-click the %1$s field") },
  /* TRANSLATORS: %1$s names what was double-clicked (a file, a row), %2$s an application */
  { VERB_DOUBLE_CLICK, WM_TARGET_NONE, N_("Double-click %1$s in %2$s"),
    /* TRANSLATORS: %1$s names what was double-clicked (a file, a row) */
    N_("Double-click %1$s") },

  /* TRANSLATORS: %1$s is a button's name, %2$s an application */
  { VERB_RIGHT_CLICK, WM_TARGET_BUTTON, N_("Right-click the %1$s button in %2$s"),
    /* TRANSLATORS: %1$s is a button's name */
    N_("Right-click the %1$s button") },
  /* TRANSLATORS: %1$s is a text field's label, %2$s an application */
  { VERB_RIGHT_CLICK, WM_TARGET_FIELD, N_("Right-click the %1$s field in %2$s"),
    /* TRANSLATORS: %1$s is a text field's label */
    N_("Right-click the %1$s field") },
  /* TRANSLATORS: %1$s names what was right-clicked (a file, a row), %2$s an application */
  { VERB_RIGHT_CLICK, WM_TARGET_NONE, N_("Right-click %1$s in %2$s"),
    /* TRANSLATORS: %1$s names what was right-clicked (a file, a row) */
    N_("Right-click %1$s") },

  /* TRANSLATORS: %1$s is a link's text, %2$s an application or web page */
  { VERB_MIDDLE_CLICK, WM_TARGET_LINK, N_("Middle-click the %1$s link in %2$s"),
    /* TRANSLATORS: %1$s is a link's text */
    N_("Middle-click the %1$s link") },
  /* TRANSLATORS: %1$s names what was middle-clicked, %2$s an application */
  { VERB_MIDDLE_CLICK, WM_TARGET_NONE, N_("Middle-click %1$s in %2$s"),
    /* TRANSLATORS: %1$s names what was middle-clicked */
    N_("Middle-click %1$s") },
};

/* Nothing is known of what was clicked: the author completes these. */
static const char *
unknown_click (Verb        verb,
               const char *app)
{
  switch (verb)
    {
    case VERB_DOUBLE_CLICK:
      /* TRANSLATORS: %1$s is an application; what was double-clicked is not known */
      return app ? _("Double-click in %1$s") : _("Double-click where shown");
    case VERB_RIGHT_CLICK:
      /* TRANSLATORS: %1$s is an application; what was right-clicked is not known */
      return app ? _("Right-click in %1$s") : _("Right-click where shown");
    case VERB_MIDDLE_CLICK:
      /* TRANSLATORS: %1$s is an application; what was middle-clicked is not known */
      return app ? _("Middle-click in %1$s") : _("Middle-click where shown");
    case VERB_CLICK:
    default:
      /* TRANSLATORS: %1$s is an application; what was clicked is not known */
      return app ? _("Click in %1$s") : _("Click where shown");
    }
}

static gboolean
ends_with_word (const char *text,
                const char *word)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  gsize n = strlen (folded), w = strlen (word);

  return n >= w && strcmp (folded + n - w, word) == 0 && (n == w || folded[n - w - 1] == ' ');
}

/* An item with the menu or list it is in: "Click Save As… in the Main Menu", "Choose
 * Net 30 in the Payment terms list". NULL when the container adds nothing. */
static char *
item_in_container (WmStep *step,
                   Verb    verb)
{
  const char *name = wm_step_get_target_name (step);
  const char *container = wm_step_get_container (step);
  WmTargetKind kind = wm_step_get_target_kind (step);
  WmTargetKind holder = wm_step_get_container_kind (step);

  if (verb != VERB_CLICK || container == NULL || g_strcmp0 (container, name) == 0)
    return NULL;

  if (kind == WM_TARGET_MENU_ITEM)
    {
      /* The menu's own name may already say it is one ("Main Menu"). */
      if (ends_with_word (container, "menu"))
        /* TRANSLATORS: %1$s is a menu item, %2$s the menu's whole name ("Main Menu") */
        return g_strdup_printf (_("Click %1$s in the %2$s"), name, container);
      /* TRANSLATORS: %1$s is a menu item, %2$s the menu's title ("File") */
      return g_strdup_printf (_("Click %1$s in the %2$s menu"), name, container);
    }

  if (kind == WM_TARGET_LIST_ITEM && (holder == WM_TARGET_LIST || holder == WM_TARGET_DROP_DOWN ||
                                      holder == WM_TARGET_NONE))
    {
      if (ends_with_word (container, "list"))
        /* TRANSLATORS: %1$s is a list's item, %2$s the list's whole name */
        return g_strdup_printf (_("Choose %1$s in the %2$s"), name, container);
      /* TRANSLATORS: %1$s is a list's item ("Net 30"), %2$s the list's label
       * ("Payment terms") */
      return g_strdup_printf (_("Choose %1$s in the %2$s list"), name, container);
    }

  return NULL;
}

static Verb
verb_of (WmStep *step)
{
  switch (wm_step_get_kind (step))
    {
    case WM_STEP_DOUBLE_CLICK:
      return VERB_DOUBLE_CLICK;
    case WM_STEP_RIGHT_CLICK:
      return VERB_RIGHT_CLICK;
    default:
      return wm_step_get_button (step) == 2 ? VERB_MIDDLE_CLICK : VERB_CLICK;
    }
}

static const Sentence *
sentence_for (Verb         verb,
              WmTargetKind kind)
{
  const Sentence *fallback = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      if (sentences[i].verb != verb)
        continue;
      if (sentences[i].kind == kind)
        return &sentences[i];
      if (sentences[i].kind == WM_TARGET_NONE)
        fallback = &sentences[i];
    }

  return fallback;
}

static char *
click_instruction (WmStep *step)
{
  const char *name = wm_step_get_target_name (step);
  const char *app = wm_step_get_app_name (step);
  Verb verb = verb_of (step);
  const Sentence *s;
  char *in_container;

  if (name == NULL)
    {
      wm_step_set_incomplete (step, TRUE);
      /* A field with no label, placeholder or tooltip: which one is for the author to
       * say, but that it is a field helps already. */
      if (verb == VERB_CLICK && wm_step_get_target_kind (step) == WM_TARGET_FIELD)
        /* TRANSLATORS: %1$s is an application; the field clicked has no name */
        return app ? g_strdup_printf (_("Click the field in %1$s"), app)
                   : g_strdup (_("Click the field"));
      return g_strdup_printf (unknown_click (verb, app), app);
    }

  if ((in_container = item_in_container (step, verb)) != NULL)
    return in_container;

  s = sentence_for (verb, wm_step_get_target_kind (step));
  if (app != NULL && g_strcmp0 (app, name) != 0)
    return g_strdup_printf (_(s->in_app), name, app);

  return g_strdup_printf (_(s->alone), name);
}

static char *
type_instruction (WmStep   *step,
                  gboolean  is_secret)
{
  const char *text = wm_step_get_text (step);
  const char *field = wm_step_get_target_name (step);

  if (is_secret)
    return g_strdup (_("Type your password"));

  if (text == NULL)
    {
      /* Where the text went was not known for sure, so it was not kept. */
      wm_step_set_incomplete (step, TRUE);
      return g_strdup (_("Type the text"));
    }

  if (field != NULL)
    /* TRANSLATORS: %1$s is the typed text, %2$s a text field's label:
     * Type “Acme Corp” in the Customer name field */
    return g_strdup_printf (_("Type “%1$s” in the %2$s field"), text, field);

  /* TRANSLATORS: %1$s is the typed text */
  return g_strdup_printf (_("Type “%1$s”"), text);
}

/* Toolkit class names ("GtkImage", "QPushButton") are what some toolkits report when a
 * control has no name: never something a reader can find on screen. */
static gboolean
is_class_name (const char *name)
{
  static const char * const prefixes[] = { "Gtk", "Adw", "Gdk", "Q", "Wx", "Atk" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i]);
      const char *p;

      if (strncmp (name, prefixes[i], n) != 0 || !g_ascii_isupper (name[n]))
        continue;
      for (p = name + n; g_ascii_isalnum (*p); p++)
        ;
      if (*p == '\0')
        return TRUE;
    }

  return FALSE;
}

/* The name a reader sees on the control: GTK 4.8 repeats a label ("Save Save"), and a
 * window's title or a file's path is not a control. */
static char *
clean_name (WmStep *step)
{
  const char *name = wm_step_get_target_name (step);
  g_autofree char *stripped = NULL;
  gsize n;

  if (name == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (name));
  n = strlen (stripped);
  if (n >= 3 && n % 2 == 1 && stripped[n / 2] == ' ' &&
      strncmp (stripped, stripped + n / 2 + 1, n / 2) == 0)
    stripped[n / 2] = '\0';

  if (*stripped == '\0' || is_class_name (stripped) ||
      g_strcmp0 (stripped, wm_step_get_window_title (step)) == 0 ||
      stripped[0] == '/' || g_str_has_prefix (stripped, "~/") || strstr (stripped, " (/") ||
      strstr (stripped, " (~/"))
    return NULL;

  return g_steal_pointer (&stripped);
}

void
wm_instruction_update (WmStep   *step,
                       gboolean  is_secret)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (WM_IS_STEP (step));

  name = clean_name (step);
  wm_step_set_target (step, name, wm_step_get_target_role (step), wm_step_get_app_name (step),
                      wm_step_get_window_title (step));
  if (wm_step_get_target_kind (step) == WM_TARGET_NONE)
    wm_step_set_target_kind (step, wm_target_kind_from_role (wm_step_get_target_role (step)));
  wm_step_set_incomplete (step, FALSE);

  switch (wm_step_get_kind (step))
    {
    case WM_STEP_TYPE:
      text = type_instruction (step, is_secret);
      break;

    case WM_STEP_KEY:
      /* TRANSLATORS: %1$s is a key or shortcut: Press Ctrl+S */
      text = g_strdup_printf (_("Press %1$s"), wm_step_get_text (step));
      break;

    case WM_STEP_MANUAL:
    case WM_STEP_NOTE:
      if (wm_step_get_app_name (step) != NULL)
        /* TRANSLATORS: %1$s is an application; the author writes the rest */
        text = g_strdup_printf (_("In %1$s"), wm_step_get_app_name (step));
      break;

    case WM_STEP_CLICK:
    case WM_STEP_DOUBLE_CLICK:
    case WM_STEP_RIGHT_CLICK:
    default:
      text = click_instruction (step);
      break;
    }

  wm_step_set_generated_instruction (step, text);
  /* The author's own words are complete by definition. */
  if (wm_step_get_instruction_edited (step))
    wm_step_set_incomplete (step, FALSE);
}
