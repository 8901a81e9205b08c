/* wm-enums.c — names, titles and GTypes of the model's enumerations
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-enums.h"
#include "wm-language.h"

typedef struct {
  const char *nick;
  const char *title;
  const char *question;
} Names;

static const Names stages[WM_N_STAGES] = {
  { "first-exposure", N_("First Exposure"), N_("What is this, why should I care?") },
  { "orientation", N_("Orientation"), N_("How do I get started?") },
  { "ramp-and-practice", N_("Ramp and Practice"), N_("Do I have this right?") },
  { "competency", N_("Competency"), N_("Stay close in case I need help") },
  { "refresher-and-reinforcement", N_("Refresher and Reinforcement"), N_("It has been a while") },
};

static const Names statuses[WM_N_STATUSES] = {
  { "draft", N_("Draft"), NULL },
  { "in-review", N_("In Review"), NULL },
  { "changes-requested", N_("Changes Requested"), NULL },
  { "approved", N_("Approved"), NULL },
};

static const Names step_kinds[WM_N_STEP_KINDS] = {
  { "click", N_("Click"), NULL },
  { "double-click", N_("Double-click"), NULL },
  { "right-click", N_("Right-click"), NULL },
  { "type", N_("Type"), NULL },
  { "key", N_("Key"), NULL },
  { "manual", N_("Manual capture"), NULL },
  { "note", N_("Note"), NULL },
};

static const Names annotation_kinds[WM_N_ANNOTATION_KINDS] = {
  { "highlight", N_("Highlight"), NULL },
  { "arrow", N_("Arrow"), NULL },
  { "box", N_("Box"), NULL },
  { "callout", N_("Callout"), NULL },
  { "redact", N_("Redaction"), NULL },
};

static const Names target_kinds[WM_N_TARGET_KINDS] = {
  { "none", N_("Unknown"), NULL },
  { "button", N_("Button"), NULL },
  { "toggle", N_("Toggle"), NULL },
  { "check-box", N_("Check box"), NULL },
  { "radio", N_("Radio button"), NULL },
  { "switch", N_("Switch"), NULL },
  { "link", N_("Link"), NULL },
  { "tab", N_("Tab"), NULL },
  { "menu-item", N_("Menu item"), NULL },
  { "list-item", N_("List item"), NULL },
  { "field", N_("Field"), NULL },
  { "drop-down", N_("Drop-down"), NULL },
  { "slider", N_("Slider"), NULL },
  { "menu", N_("Menu"), NULL },
  { "list", N_("List"), NULL },
  { "icon", N_("Icon"), NULL },
};

/* AT-SPI role names (atspi_accessible_get_role_name) as toolkits report them. */
static const struct {
  const char   *role;
  WmTargetKind  kind;
} role_kinds[] = {
  { "push button", WM_TARGET_BUTTON },
  { "button", WM_TARGET_BUTTON },
  { "push button menu", WM_TARGET_BUTTON },
  { "toggle button", WM_TARGET_TOGGLE },
  { "check box", WM_TARGET_CHECK_BOX },
  { "radio button", WM_TARGET_RADIO },
  { "switch", WM_TARGET_SWITCH },
  { "link", WM_TARGET_LINK },
  { "page tab", WM_TARGET_TAB },
  { "menu item", WM_TARGET_MENU_ITEM },
  { "check menu item", WM_TARGET_MENU_ITEM },
  { "radio menu item", WM_TARGET_MENU_ITEM },
  { "tearoff menu item", WM_TARGET_MENU_ITEM },
  { "list item", WM_TARGET_LIST_ITEM },
  { "table row", WM_TARGET_LIST_ITEM },
  { "tree item", WM_TARGET_LIST_ITEM },
  { "option", WM_TARGET_LIST_ITEM },
  { "entry", WM_TARGET_FIELD },
  { "text", WM_TARGET_FIELD },
  { "password text", WM_TARGET_FIELD },
  { "spin button", WM_TARGET_FIELD },
  { "editbar", WM_TARGET_FIELD },
  { "search box", WM_TARGET_FIELD },
  { "combo box", WM_TARGET_DROP_DOWN },
  { "slider", WM_TARGET_SLIDER },
  { "menu", WM_TARGET_MENU },
  { "menu bar", WM_TARGET_MENU },
  { "popup menu", WM_TARGET_MENU },
  { "list", WM_TARGET_LIST },
  { "list box", WM_TARGET_LIST },
  { "tree", WM_TARGET_LIST },
  { "tree table", WM_TARGET_LIST },
  { "table", WM_TARGET_LIST },
  { "icon", WM_TARGET_ICON },
  { "desktop icon", WM_TARGET_ICON },
};

static gboolean
lookup (const Names *names,
        guint        n,
        const char  *str,
        int         *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (str, names[i].nick) == 0 ||
          g_ascii_strcasecmp (str, names[i].title) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
list_valid (const Names *names,
            guint        n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", names[i].nick);

  return g_string_free (s, FALSE);
}

static GType
register_enum (const char  *type_name,
               const Names *names,
               guint        n)
{
  GEnumValue *values = g_new0 (GEnumValue, n + 1);

  for (guint i = 0; i < n; i++)
    {
      values[i].value = (int) i;
      values[i].value_name = names[i].title;
      values[i].value_nick = names[i].nick;
    }

  /* The values array must live as long as the type, which is forever. */
  return g_enum_register_static (type_name, values);
}

#define DEFINE_ENUM(TypeName, type_name, NAMES, N)                         \
  GType                                                                   \
  type_name##_get_type (void)                                             \
  {                                                                       \
    static gsize gtype = 0;                                               \
    if (g_once_init_enter (&gtype))                                       \
      g_once_init_leave (&gtype, register_enum (#TypeName, NAMES, N));    \
    return gtype;                                                         \
  }                                                                       \
  const char *                                                            \
  type_name##_to_string (TypeName value)                                  \
  {                                                                       \
    g_return_val_if_fail ((guint) value < N, NULL);                       \
    return NAMES[value].nick;                                             \
  }                                                                       \
  gboolean                                                                \
  type_name##_from_string (const char *str, TypeName *out)                \
  {                                                                       \
    int v;                                                                \
    if (!lookup (NAMES, N, str, &v))                                      \
      return FALSE;                                                       \
    if (out != NULL)                                                      \
      *out = (TypeName) v;                                                \
    return TRUE;                                                          \
  }

DEFINE_ENUM (WmStage, wm_stage, stages, WM_N_STAGES)
DEFINE_ENUM (WmStatus, wm_status, statuses, WM_N_STATUSES)
DEFINE_ENUM (WmStepKind, wm_step_kind, step_kinds, WM_N_STEP_KINDS)
DEFINE_ENUM (WmAnnotationKind, wm_annotation_kind, annotation_kinds, WM_N_ANNOTATION_KINDS)
DEFINE_ENUM (WmTargetKind, wm_target_kind, target_kinds, WM_N_TARGET_KINDS)

WmTargetKind
wm_target_kind_from_role (const char *role)
{
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (role_kinds); i++)
    if (g_ascii_strcasecmp (role_kinds[i].role, role) == 0)
      return role_kinds[i].kind;

  return WM_TARGET_NONE;
}

const char *
wm_stage_get_title (WmStage stage)
{
  g_return_val_if_fail ((guint) stage < WM_N_STAGES, NULL);
  return _(stages[stage].title);
}

const char *
wm_stage_get_title_in (WmStage     stage,
                       const char *language)
{
  g_return_val_if_fail ((guint) stage < WM_N_STAGES, NULL);
  return wm_language_gettext (language, stages[stage].title);
}

const char *
wm_stage_get_question_in (WmStage     stage,
                          const char *language)
{
  g_return_val_if_fail ((guint) stage < WM_N_STAGES, NULL);
  return wm_language_gettext (language, stages[stage].question);
}

const char *
wm_stage_get_question (WmStage stage)
{
  g_return_val_if_fail ((guint) stage < WM_N_STAGES, NULL);
  return _(stages[stage].question);
}

char *
wm_stage_list_valid (void)
{
  return list_valid (stages, WM_N_STAGES);
}

const char *
wm_status_get_title (WmStatus status)
{
  g_return_val_if_fail ((guint) status < WM_N_STATUSES, NULL);
  return _(statuses[status].title);
}

char *
wm_status_list_valid (void)
{
  return list_valid (statuses, WM_N_STATUSES);
}
