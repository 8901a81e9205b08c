/* wm-atspi.c — what is under the pointer or has the focus, from the accessibility tree
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-capture"

#include "config.h"

/* libatspi 2.46's headers declare f() for f(void). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <atspi/atspi.h>
#pragma GCC diagnostic pop
#include <glib/gi18n.h>
#include <unistd.h>

#include "wm-atspi.h"
#include "wm-capture-backend.h"

/* One call may take this long before we give up on it (libatspi's default is 800 ms). */
#define CALL_TIMEOUT_MS 1000
/* An application that did not answer last time gets one try at each call, not the whole
 * budget, until it answers again: a hung program costs little per step, and one that was
 * only busy is named again at once (it is never skipped). */
#define HUNG_APP_BUDGET_USEC (CALL_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND)
/* Between two tries at an application that did not answer. */
#define RETRY_PAUSE_USEC (50 * G_TIME_SPAN_MILLISECOND)
#define MAX_DEPTH 40
#define MAX_FOCUS_NODES 2000

/* libatspi 2.46 predates its own autoptr support. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

static GMainContext *atspi_context;
static GHashTable *hung;         /* pids that did not answer last time */
static GHashTable *apps;         /* pid → AtspiAccessible of the application */

typedef struct {
  gint64 deadline;
  GPid   pid;
  guint  visited;
  gboolean timed_out;
  gboolean unanswered;   /* a call got no answer in time: ask again, or give up on the app */
  gboolean no_showing;   /* the toolkit never says SHOWING (GTK 4.8): VISIBLE stands for it */
  gboolean reached;      /* the application answered as far as its window */
  gboolean gtk;          /* the application is GTK's: a bare type name is no name */
  gboolean want_text;    /* the focus search takes only a field */
} Walk;

void
wm_atspi_target_clear (WmAtspiTarget *target)
{
  g_clear_pointer (&target->name, g_free);
  g_clear_pointer (&target->role, g_free);
  g_clear_pointer (&target->app_name, g_free);
  g_clear_pointer (&target->container_name, g_free);
  g_clear_pointer (&target->container_role, g_free);
  target->is_password = FALSE;
  target->is_secret = FALSE;
  target->identified = FALSE;
}

/* libatspi is one connection with global state: every lookup holds this lock and runs
 * with our private main context as its thread-default, whichever recorder's worker
 * thread it is on. libatspi dispatches its D-Bus traffic on that context, so none of it
 * ever runs on a UI or capture thread. */
static GMutex atspi_lock;
static gboolean atspi_failed;

static gboolean
ensure_atspi (void)
{
  if (atspi_context != NULL || atspi_failed)
    return !atspi_failed;

  atspi_context = g_main_context_new ();
  g_main_context_push_thread_default (atspi_context);
  atspi_failed = atspi_init () > 1;
  if (!atspi_failed)
    {
      atspi_set_main_context (atspi_context);
      atspi_set_timeout (CALL_TIMEOUT_MS, 4 * CALL_TIMEOUT_MS);
      hung = g_hash_table_new (NULL, NULL);
      apps = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
    }
  g_main_context_pop_thread_default (atspi_context);

  return !atspi_failed;
}

void
wm_atspi_target_copy (WmAtspiTarget       *dest,
                      const WmAtspiTarget *src)
{
  wm_atspi_target_clear (dest);
  dest->name = g_strdup (src->name);
  dest->role = g_strdup (src->role);
  dest->app_name = g_strdup (src->app_name);
  dest->is_password = src->is_password;
  dest->container_name = g_strdup (src->container_name);
  dest->container_role = g_strdup (src->container_role);
  dest->is_secret = src->is_secret;
  dest->identified = src->identified;
}

gboolean
wm_atspi_init (GError **error)
{
  gboolean ok;

  g_mutex_lock (&atspi_lock);
  ok = ensure_atspi ();
  g_mutex_unlock (&atspi_lock);

  if (!ok)
    g_set_error (error, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED,
                 _("The accessibility bus is not running: steps will not name what was "
                   "clicked"));
  return ok;
}

static void
lock_atspi (void)
{
  g_mutex_lock (&atspi_lock);
  ensure_atspi ();
  g_main_context_push_thread_default (atspi_context);
}

static void
unlock_atspi (void)
{
  g_main_context_pop_thread_default (atspi_context);
  g_mutex_unlock (&atspi_lock);
}

static gboolean
walk_expired (Walk *walk)
{
  if (walk->timed_out || g_get_monotonic_time () >= walk->deadline)
    walk->timed_out = TRUE;

  return walk->timed_out;
}

/* Every failing call goes through here. A timeout ends this walk; describe() decides
 * whether to ask again. */
static gboolean
check (Walk    *walk,
       GError  *error)
{
  if (error == NULL)
    return TRUE;

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_REPLY) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      strstr (error->message, "imeout") != NULL || strstr (error->message, "NoReply") != NULL)
    {
      g_debug ("Application %d did not answer: %s", (int) walk->pid, error->message);
      walk->unanswered = walk->timed_out = TRUE;
    }

  g_error_free (error);
  return FALSE;
}

/* libatspi 2.46 answers -1 without an error when the application did not answer in time
 * (seen with a GTK application busy opening a context menu on the press). */
static int
child_count (Walk            *walk,
             AtspiAccessible *acc)
{
  GError *error = NULL;
  int n = atspi_accessible_get_child_count (acc, &error);

  if (!check (walk, error))
    return -1;
  if (n < 0)
    {
      g_debug ("Application %d did not say how many children it has", (int) walk->pid);
      walk->unanswered = walk->timed_out = TRUE;
    }

  return n;
}

static void
mark_hung (GPid     pid,
           gboolean is_hung)
{
  if (is_hung)
    g_debug ("Application %d is not answering: one try per step until it does", (int) pid);
  if (is_hung)
    g_hash_table_add (hung, GINT_TO_POINTER (pid));
  else
    g_hash_table_remove (hung, GINT_TO_POINTER (pid));
}

static gboolean
app_is_hung (GPid pid)
{
  return g_hash_table_contains (hung, GINT_TO_POINTER (pid));
}

/* The application's accessible, found by its process id. The desktop's children are
 * the registered applications; asking each for its pid is answered by the bus, not by
 * the application, so a hung program cannot stall this loop. */
static AtspiAccessible *
find_application (Walk *walk)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n;

  if (desktop == NULL)
    return NULL;

  n = atspi_accessible_get_child_count (desktop, NULL);
  for (int i = 0; i < n && !walk_expired (walk); i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);
      GError *error = NULL;

      if (app != NULL && (GPid) atspi_accessible_get_process_id (app, &error) == walk->pid &&
          check (walk, error))
        return g_steal_pointer (&app);
      g_clear_error (&error);
    }

  return NULL;
}

static gboolean
has_state (Walk            *walk,
           AtspiAccessible *acc,
           AtspiStateType   state)
{
  g_autoptr(AtspiStateSet) set = atspi_accessible_get_state_set (acc);

  return set != NULL && atspi_state_set_contains (set, state);
}

/* The top-level window: the one titled like the X window, else the active one. */
static AtspiAccessible *
find_window (Walk            *walk,
             AtspiAccessible *app,
             const char      *title)
{
  g_autoptr(AtspiAccessible) active = NULL;
  GError *error = NULL;
  int n = child_count (walk, app);

  for (int i = 0; i < n && !walk_expired (walk); i++)
    {
      g_autoptr(AtspiAccessible) win = atspi_accessible_get_child_at_index (app, i, NULL);
      g_autofree char *name = NULL;

      if (win == NULL)
        continue;
      name = atspi_accessible_get_name (win, &error);
      if (!check (walk, error))
        continue;
      if (title != NULL && g_strcmp0 (name, title) == 0)
        return g_steal_pointer (&win);
      if (active == NULL && (has_state (walk, win, ATSPI_STATE_ACTIVE) || n == 1))
        active = g_steal_pointer (&win);
    }

  return g_steal_pointer (&active);
}

/* Where an element is in its application's window coordinates; FALSE when it says no
 * size (Firefox's document right after loading, a collapsed wrapper). */
static gboolean
get_extents (Walk            *walk,
             AtspiAccessible *acc,
             AtspiRect       *rect)
{
  g_autofree AtspiRect *r = NULL;
  GError *error = NULL;
  AtspiComponent *component = atspi_accessible_get_component_iface (acc);

  if (component == NULL)
    return FALSE;

  /* GTK 4.8 answers GetAccessibleAtPoint wrongly in screen coordinates, so we walk the
   * children ourselves, comparing extents in window coordinates, which it gets right. */
  r = atspi_component_get_extents (component, ATSPI_COORD_TYPE_WINDOW, &error);
  g_object_unref (component);
  if (!check (walk, error) || r == NULL || r->width <= 0 || r->height <= 0)
    return FALSE;

  *rect = *r;
  return TRUE;
}

static gboolean
contains (const AtspiRect *r,
          int              x,
          int              y)
{
  return x >= r->x && y >= r->y && x < r->x + r->width && y < r->y + r->height;
}

/* Popovers, menus, tooltips and dialogs are surfaces of their own: their extents are
 * relative to their own window, so comparing them with a point in the main window would
 * find things that are not there (a context menu that opened on the very press). */
static gboolean
is_own_surface (AtspiAccessible *acc)
{
  switch ((int) atspi_accessible_get_role (acc, NULL))
    {
    case ATSPI_ROLE_POPUP_MENU:
    case ATSPI_ROLE_MENU:
    case ATSPI_ROLE_WINDOW:
    case ATSPI_ROLE_DIALOG:
    case ATSPI_ROLE_TOOL_TIP:
    case ATSPI_ROLE_FRAME:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Only a definite "showing" counts: Firefox keeps the next tab's page, VISIBLE but not
 * SHOWING, on top of the current one, and Chromium hidden panels the size of the window.
 * No answer (an empty set) is no reason to skip it. */
static gboolean
is_showing (Walk            *walk,
            AtspiAccessible *acc)
{
  g_autoptr(AtspiStateSet) set = atspi_accessible_get_state_set (acc);

  return set == NULL || atspi_state_set_is_empty (set) ||
         atspi_state_set_contains (set, ATSPI_STATE_SHOWING) ||
         (walk->no_showing && atspi_state_set_contains (set, ATSPI_STATE_VISIBLE));
}

static gboolean is_control (AtspiRole role);

/* A leaf that is neither named nor a control: an empty overlay (Chromium lays window-sized
 * panels over the page) hides nothing, so the search goes on beneath it. */
static gboolean
is_empty_overlay (Walk            *walk,
                  AtspiAccessible *acc)
{
  g_autofree char *name = NULL;

  if (is_control (atspi_accessible_get_role (acc, NULL)) || child_count (walk, acc) != 0)
    return FALSE;
  name = atspi_accessible_get_name (acc, NULL);
  return name == NULL || *name == '\0';
}

static AtspiAccessible *child_at (Walk *walk, AtspiAccessible *parent, int x, int y, int depth);

/* The topmost child under the point: later children are drawn over earlier ones. GTK
 * 4.8's stack pages (GtkStackPage), Gecko's just-loaded document and some Chromium
 * wrappers report no extents of their own: such a child counts when one of its children
 * is under the point, and a hidden one (another page of the stack) never does. */
static AtspiAccessible *
child_at (Walk            *walk,
          AtspiAccessible *parent,
          int              x,
          int              y,
          int              depth)
{
  int n = child_count (walk, parent);

  for (int i = n - 1; i >= 0 && !walk_expired (walk); i--)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (parent, i, NULL);
      AtspiRect r;

      if (child == NULL || is_own_surface (child))
        continue;
      if (get_extents (walk, child, &r))
        {
          if (contains (&r, x, y) && is_showing (walk, child) && !is_empty_overlay (walk, child))
            return g_steal_pointer (&child);
        }
      else if (depth < 4 && is_showing (walk, child))
        {
          g_autoptr(AtspiAccessible) inner = child_at (walk, child, x, y, depth + 1);

          if (inner != NULL)
            return g_steal_pointer (&child);
        }
    }

  return NULL;
}

/* Roles a person clicks on purpose; a label or icon inside one names the control. */
static gboolean
is_control (AtspiRole role)
{
  switch ((int) role)
    {
    case ATSPI_ROLE_PUSH_BUTTON:
    case ATSPI_ROLE_TOGGLE_BUTTON:
    case ATSPI_ROLE_CHECK_BOX:
    case ATSPI_ROLE_RADIO_BUTTON:
    case ATSPI_ROLE_MENU_ITEM:
    case ATSPI_ROLE_CHECK_MENU_ITEM:
    case ATSPI_ROLE_RADIO_MENU_ITEM:
    case ATSPI_ROLE_MENU:
    case ATSPI_ROLE_LINK:
    case ATSPI_ROLE_PAGE_TAB:
    case ATSPI_ROLE_COMBO_BOX:
    case ATSPI_ROLE_ENTRY:
    case ATSPI_ROLE_TEXT:
    case ATSPI_ROLE_PASSWORD_TEXT:
    case ATSPI_ROLE_SPIN_BUTTON:
    case ATSPI_ROLE_SLIDER:
    case ATSPI_ROLE_LIST_ITEM:
    case ATSPI_ROLE_TABLE_CELL:
    case ATSPI_ROLE_TREE_ITEM:
      return TRUE;
    default:
      return FALSE;
    }
}

/* GTK 4.8 falls back to the widget's class name ("GtkButton", "GtkImage") when it has no
 * accessible name: that is not a name a person sees. */
static gboolean
is_class_name (const char *name)
{
  if (!g_str_has_prefix (name, "Gtk") || !g_ascii_isupper (name[3]))
    return FALSE;
  for (const char *p = name + 3; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return TRUE;
}

/* What a person reads: without mnemonic underscores ("Page _2"), and once where GTK 4.8
 * says it twice ("Save Save": the button's name and its label's). */
static char *
clean_name (char *name)
{
  GString *out;
  gsize len;

  if (name == NULL || *g_strstrip (name) == '\0' || is_class_name (name))
    {
      g_free (name);
      return NULL;
    }

  out = g_string_sized_new (strlen (name));
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_' && p[1] != '\0' && !g_ascii_isspace (p[1]))
        continue;
      g_string_append_c (out, *p);
    }
  g_free (name);

  len = out->len;
  if (len >= 3 && len % 2 == 1 && out->str[len / 2] == ' ' &&
      strncmp (out->str, out->str + len / 2 + 1, len / 2) == 0)
    g_string_truncate (out, len / 2);

  return g_string_free (out, FALSE);
}

/* GTK 4.8 names an unnamed widget after its type, the application's as well as its own
 * ("EditorSourceView", "AdwTabBar", "HistoryView"): one word in CamelCase. */
static gboolean
is_type_name (const char *name)
{
  guint capitals = 0;

  if (!g_ascii_isupper (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
      capitals += p > name && g_ascii_isupper (*p) && g_ascii_islower (p[-1]);
    }

  return capitals > 0;
}

/* "New tab (Ctrl+T)": GNOME applications put the shortcut in the name too. */
static void
strip_shortcut (char *name)
{
  char *open = strrchr (name, '(');

  if (open != NULL && open > name && open[-1] == ' ' && g_str_has_suffix (name, ")") &&
      (strstr (open, "Ctrl") || strstr (open, "Shift") || strstr (open, "Alt") ||
       strstr (open, "Super")))
    open[-1] = '\0';
}

static char *
get_name (Walk            *walk,
          AtspiAccessible *acc)
{
  GError *error = NULL;
  char *name = atspi_accessible_get_name (acc, &error);

  if (!check (walk, error))
    {
      g_free (name);
      return NULL;
    }
  if (name != NULL && walk->gtk && is_type_name (name))
    g_clear_pointer (&name, g_free);
  if (name != NULL)
    strip_shortcut (name);

  return clean_name (name);
}

/* A tooltip names an icon-only button; the shortcut GNOME applications append to it
 * ("Undo [Ctrl+Z]", "Clear Display [Escape]") is no part of the name. */
static char *
get_description (Walk            *walk,
                 AtspiAccessible *acc)
{
  GError *error = NULL;
  char *text = atspi_accessible_get_description (acc, &error);
  char *bracket;

  if (!check (walk, error))
    {
      g_free (text);
      return NULL;
    }
  if (text != NULL && g_str_has_suffix (g_strchomp (text), "]") &&
      (bracket = strrchr (text, '[')) != NULL && bracket > text)
    *bracket = '\0';
  if (text != NULL)
    strip_shortcut (g_strchomp (text));

  return clean_name (text);
}

/* An empty field's hint ("Password…"): GTK, Gecko and Chromium expose it as an attribute. */
static char *
get_placeholder (Walk            *walk,
                 AtspiAccessible *acc)
{
  GError *error = NULL;
  g_autoptr(GHashTable) attributes = atspi_accessible_get_attributes (acc, &error);
  const char *text;

  if (!check (walk, error) || attributes == NULL)
    return NULL;
  text = g_hash_table_lookup (attributes, "placeholder-text");
  if (text == NULL)
    text = g_hash_table_lookup (attributes, "placeholder");

  return clean_name (g_strdup (text));
}

/* A field named by a label next to it (GTK's mnemonic-widget, HTML <label for>). */
static char *
name_from_label (Walk            *walk,
                 AtspiAccessible *acc)
{
  g_autoptr(GArray) relations = atspi_accessible_get_relation_set (acc, NULL);
  char *name = NULL;

  for (guint i = 0; relations != NULL && i < relations->len && name == NULL; i++)
    {
      AtspiRelation *relation = g_array_index (relations, AtspiRelation *, i);

      if (atspi_relation_get_relation_type (relation) == ATSPI_RELATION_LABELLED_BY &&
          atspi_relation_get_n_targets (relation) > 0)
        {
          g_autoptr(AtspiAccessible) label = atspi_relation_get_target (relation, 0);

          if (label != NULL)
            name = get_name (walk, label);
        }
    }
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    g_object_unref (g_array_index (relations, AtspiRelation *, i));

  return name;
}

/* A control without a name of its own (GTK 4.8 buttons) is named by its label. */
static char *
name_from_content (Walk            *walk,
                   AtspiAccessible *acc,
                   int              depth)
{
  int n = child_count (walk, acc);

  for (int i = 0; i < n && depth < 3 && !walk_expired (walk); i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (acc, i, NULL);
      char *name;

      if (child == NULL)
        continue;
      if (atspi_accessible_get_role (child, NULL) == ATSPI_ROLE_LABEL &&
          (name = get_name (walk, child)) != NULL)
        return name;
      if ((name = name_from_content (walk, child, depth + 1)) != NULL)
        return name;
    }

  return NULL;
}

static gboolean
looks_like_password (const char *name)
{
  g_autofree char *folded = name ? g_utf8_casefold (name, -1) : NULL;

  return folded != NULL && (strstr (folded, "password") || strstr (folded, "passphrase") ||
                            strstr (folded, "passwort") || strstr (folded, "mot de passe"));
}

/* Whole words only for the short ones: "PIN" but not "Spinning", "token" but not "tokens
 * left" would still be safe to hide, so prefixes count. */
static gboolean
has_word_prefix (const char *folded,
                 const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (folded, word); p != NULL; p = strstr (p + 1, word))
    if ((p == folded || !g_ascii_isalnum (p[-1])) && !g_ascii_isalpha (p[len]))
      return TRUE;

  return FALSE;
}

static gboolean
looks_secret (const char *name)
{
  g_autofree char *folded = name ? g_utf8_casefold (name, -1) : NULL;

  if (folded == NULL)
    return FALSE;

  return looks_like_password (name) || strstr (folded, "passcode") || strstr (folded, "secret") ||
         has_word_prefix (folded, "pin") || has_word_prefix (folded, "token") ||
         has_word_prefix (folded, "otp") || strstr (folded, "api key") || strstr (folded, "cvv") ||
         strstr (folded, "cvc") || strstr (folded, "security code");
}

static gboolean
is_menu_button (AtspiAccessible *acc)
{
  g_autofree char *raw = atspi_accessible_get_name (acc, NULL);

  return g_strcmp0 (raw, "GtkMenuButton") == 0;
}

/* Fills @target from the element a person meant: the deepest control on the path, or
 * the deepest element when no control is on it. A password role anywhere on the path
 * (GtkPasswordEntry wraps a GtkText) marks the target as a password field. */
static gboolean
is_container (AtspiRole role)
{
  switch ((int) role)
    {
    case ATSPI_ROLE_MENU:
    case ATSPI_ROLE_POPUP_MENU:
    case ATSPI_ROLE_MENU_BAR:
    case ATSPI_ROLE_LIST:
    case ATSPI_ROLE_LIST_BOX:
    case ATSPI_ROLE_COMBO_BOX:
    case ATSPI_ROLE_PAGE_TAB_LIST:
    case ATSPI_ROLE_TREE:
    case ATSPI_ROLE_TREE_TABLE:
    case ATSPI_ROLE_TABLE:
    case ATSPI_ROLE_TOOL_BAR:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_field (AtspiRole role)
{
  return role == ATSPI_ROLE_ENTRY || role == ATSPI_ROLE_TEXT ||
         role == ATSPI_ROLE_PASSWORD_TEXT || role == ATSPI_ROLE_SPIN_BUTTON;
}

/* The focused element receives typed text: a field by role, or anything editable. */
static gboolean
takes_text (Walk            *walk,
            AtspiAccessible *acc)
{
  AtspiRole role = atspi_accessible_get_role (acc, NULL);

  return is_field (role) || role == ATSPI_ROLE_TERMINAL || role == ATSPI_ROLE_DOCUMENT_TEXT ||
         has_state (walk, acc, ATSPI_STATE_EDITABLE);
}

/* Items a person picks from something: they say where they are ("in the main menu"). */
static gboolean
is_item (AtspiRole role)
{
  switch ((int) role)
    {
    case ATSPI_ROLE_MENU_ITEM:
    case ATSPI_ROLE_CHECK_MENU_ITEM:
    case ATSPI_ROLE_RADIO_MENU_ITEM:
    case ATSPI_ROLE_LIST_ITEM:
    case ATSPI_ROLE_TABLE_CELL:
    case ATSPI_ROLE_TREE_ITEM:
    case ATSPI_ROLE_PAGE_TAB:
    case ATSPI_ROLE_MENU:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Fills @target from the element a person meant: the deepest control on the path, or
 * the deepest element when no control is on it. A password role anywhere on the path
 * (GtkPasswordEntry wraps a GtkText) marks the target as a password field. */
static void
describe_path (Walk          *walk,
               GPtrArray     *path,
               WmAtspiTarget *target)
{
  AtspiAccessible *chosen = NULL;
  int chosen_index = -1;
  AtspiRole chosen_role = ATSPI_ROLE_INVALID;

  for (guint i = 0; i < path->len; i++)
    {
      AtspiAccessible *acc = g_ptr_array_index (path, i);
      AtspiRole role = atspi_accessible_get_role (acc, NULL);

      if (role == ATSPI_ROLE_PASSWORD_TEXT)
        target->is_password = TRUE;
      if (is_control (role))
        {
          chosen = acc;
          chosen_index = i;
          chosen_role = role;
        }
    }

  if (chosen == NULL && path->len > 0)
    {
      chosen_index = path->len - 1;
      chosen = g_ptr_array_index (path, chosen_index);
    }
  if (chosen == NULL)
    return;

  target->role = atspi_accessible_get_role_name (chosen, NULL);
  target->name = get_name (walk, chosen);
  if (target->name == NULL)
    target->name = name_from_label (walk, chosen);
  /* A button's tooltip says what it does where its label is a symbol or lost its
   * markup ("Square" for "x²"); a field's hint comes before its tooltip. */
  if (target->name == NULL && is_field (chosen_role))
    target->name = get_placeholder (walk, chosen);
  if (target->name == NULL)
    target->name = get_description (walk, chosen);
  if (target->name == NULL)
    target->name = name_from_content (walk, chosen, 0);
  if (target->name == NULL)
    target->name = get_placeholder (walk, chosen);
  if (target->name == NULL && is_menu_button (chosen))
    /* Translators: the name of an icon-only button that opens a menu (GTK's
     * GtkMenuButton with no label or tooltip), as in "Click the Menu button". */
    target->name = g_strdup (_("Menu"));
  target->identified = is_control (chosen_role) && target->name != NULL;
  if (looks_like_password (target->name))
    target->is_password = TRUE;
  target->is_secret = target->is_password || looks_secret (target->name);

  if (is_item (chosen_role))
    for (int i = chosen_index - 1; i >= 0; i--)
      {
        AtspiAccessible *acc = g_ptr_array_index (path, i);
        AtspiRole role = atspi_accessible_get_role (acc, NULL);

        if (!is_container (role))
          continue;
        target->container_role = atspi_accessible_get_role_name (acc, NULL);
        target->container_name = get_name (walk, acc);
        break;
      }
}

/* Controls whose children only say more about themselves (a button's label). */
static gboolean
is_leaf_control (AtspiAccessible *acc)
{
  switch ((int) atspi_accessible_get_role (acc, NULL))
    {
    case ATSPI_ROLE_PUSH_BUTTON:
    case ATSPI_ROLE_TOGGLE_BUTTON:
    case ATSPI_ROLE_CHECK_BOX:
    case ATSPI_ROLE_RADIO_BUTTON:
    case ATSPI_ROLE_LINK:
    case ATSPI_ROLE_ENTRY:
    case ATSPI_ROLE_PASSWORD_TEXT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* GTK 4.8 sets VISIBLE but never SHOWING on the widgets inside a window. */
static gboolean
uses_no_showing (AtspiAccessible *app)
{
  g_autofree char *toolkit = atspi_accessible_get_toolkit_name (app, NULL);
  g_autofree char *version = atspi_accessible_get_toolkit_version (app, NULL);

  return g_strcmp0 (toolkit, "GTK") == 0 && version != NULL && g_str_has_prefix (version, "4.");
}

static AtspiAccessible *
begin (Walk          *walk,
       GPid           pid,
       const char    *title,
       gint64         deadline,
       WmAtspiTarget *target)
{
  g_autoptr(AtspiAccessible) app = NULL;
  AtspiAccessible *window;

  walk->pid = pid;
  walk->deadline = deadline;

  /* Never ask ourselves: a blocking call into our own process would wait on itself. */
  if (atspi_failed || pid <= 0 || pid == getpid ())
    return NULL;

  /* Answers queued for us while we were not looking (cache updates) come first. */
  while (g_main_context_iteration (atspi_context, FALSE))
    ;

  /* Finding the application asks the bus about every one of them: done once per pid. */
  app = g_hash_table_lookup (apps, GINT_TO_POINTER (pid));
  if (app != NULL)
    g_object_ref (app);
  else if ((app = find_application (walk)) != NULL)
    g_hash_table_insert (apps, GINT_TO_POINTER (pid), g_object_ref (app));
  else
    return NULL;

  atspi_accessible_clear_cache (app);
  {
    g_autofree char *toolkit = atspi_accessible_get_toolkit_name (app, NULL);

    walk->gtk = g_strcmp0 (toolkit, "GTK") == 0 || g_strcmp0 (toolkit, "gtk") == 0;
  }
  target->app_name = get_name (walk, app);
  walk->no_showing = uses_no_showing (app);

  window = find_window (walk, app, title);
  walk->reached = window != NULL;
  /* A pid reused by another program, or an application that went away. */
  if (window == NULL && !walk->timed_out && !walk->unanswered)
    g_hash_table_remove (apps, GINT_TO_POINTER (pid));

  return window;
}

static gboolean
describe_point (Walk          *walk,
                GPid           pid,
                const char    *window_title,
                int            window_x,
                int            window_y,
                gint64         deadline,
                WmAtspiTarget *target)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_object_unref);
  AtspiAccessible *node;
  AtspiRect origin;

  node = begin (walk, pid, window_title, deadline, target);
  /* An untitled window is a popup (menu, popover): which accessible it is cannot be told
   * reliably, and naming the wrong control is worse than naming none. */
  if (window_title == NULL)
    g_clear_object (&node);
  /* The point is relative to the X window's client area. Firefox measures its window
   * coordinates from the window manager's frame instead (its own frame accessible is
   * then at 0,19 under openbox): measure the point from where the window says it is. */
  if (node != NULL && get_extents (walk, node, &origin))
    {
      window_x += origin.x;
      window_y += origin.y;
    }
  while (node != NULL && path->len < MAX_DEPTH)
    {
      g_ptr_array_add (path, node);
      node = child_at (walk, node, window_x, window_y, 0);
    }
  g_clear_object (&node);

  /* The window itself is no target; only what is inside it. */
  if (path->len > 0)
    g_ptr_array_remove_index (path, 0);

  /* A walk cut short ended wherever it was (a container, the page): an answer only when
   * it went to the end, or got as far as a control that holds no other. */
  if (walk->timed_out && (path->len == 0 || !is_leaf_control (g_ptr_array_index (path, path->len - 1))))
    return FALSE;
  describe_path (walk, path, target);

  return target->role != NULL;
}

/* Depth-first through showing elements for the one with the keyboard focus. */
static gboolean
find_focus (Walk            *walk,
            AtspiAccessible *acc,
            GPtrArray       *path)
{
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (acc);
  int n;

  if (walk_expired (walk) || ++walk->visited > MAX_FOCUS_NODES || path->len >= MAX_DEPTH)
    return FALSE;
  /* GTK 4.8 marks some showing elements VISIBLE only (the calculator's panels). */
  if (states == NULL || !(atspi_state_set_contains (states, ATSPI_STATE_SHOWING) ||
                          atspi_state_set_contains (states, ATSPI_STATE_VISIBLE)))
    return FALSE;
  /* A closed popover or menu is VISIBLE but not SHOWING: its items are many and none
   * has the keys. */
  if (path->len > 0 && is_own_surface (acc) &&
      !atspi_state_set_contains (states, ATSPI_STATE_SHOWING))
    return FALSE;

  g_ptr_array_add (path, g_object_ref (acc));
  if (atspi_state_set_contains (states, ATSPI_STATE_FOCUSED) &&
      (!walk->want_text || takes_text (walk, acc)))
    return TRUE;

  n = child_count (walk, acc);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (acc, i, NULL);

      if (child != NULL && find_focus (walk, child, path))
        return TRUE;
    }

  g_ptr_array_remove_index (path, path->len - 1);
  return FALSE;
}

static gboolean
describe_focus (Walk          *walk,
                GPid           pid,
                const char    *window_title,
                gint64         deadline,
                WmAtspiTarget *target)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AtspiAccessible) window = NULL;

  window = begin (walk, pid, window_title, deadline, target);
  if (window == NULL)
    return FALSE;
  /* GTK 4.8 leaves FOCUSED on a check box of a closed popover: a focused field, if
   * there is one, is where the keys go. */
  walk->want_text = TRUE;
  if (!find_focus (walk, window, path))
    {
      walk->want_text = FALSE;
      walk->visited = 0;
      if (walk_expired (walk) || !find_focus (walk, window, path))
        return FALSE;
    }

  g_ptr_array_remove_index (path, 0);
  describe_path (walk, path, target);

  /* Keys pressed on a focused button (the one just clicked) go to the application's
   * own shortcuts or its display, not into the button: the field is not known. */
  if (path->len > 0 && !takes_text (walk, g_ptr_array_index (path, path->len - 1)))
    {
      g_debug ("The focus is on a %s, no field (%u elements seen)", target->role,
               walk->visited);
      g_autofree char *app_name = g_steal_pointer (&target->app_name);

      wm_atspi_target_clear (target);
      target->app_name = g_steal_pointer (&app_name);
    }

  return TRUE;
}

/* What to describe: the element at a point of a window, or the one with the focus. */
typedef struct {
  GPid        pid;
  const char *window_title;
  gboolean    focus;
  int         x, y;
} Query;

/* An application busy answering the very press (a GTK context menu opening) can miss a
 * call's timeout although it is not hung: ask again while the budget lasts. One that
 * never answers within the budget is left alone for a while, so a hung program costs
 * one budget, not one per step. */
static gboolean
describe (const Query   *query,
          gint64         budget_usec,
          WmAtspiTarget *target)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline;
  gboolean found;
  gboolean reached = FALSE;
  gboolean asked_again = FALSE;
  Walk walk;

  lock_atspi ();
  if (!atspi_failed && app_is_hung (query->pid))
    budget_usec = MIN (budget_usec, HUNG_APP_BUDGET_USEC);
  deadline = start + budget_usec;
  for (;;)
    {
      walk = (Walk) { 0 };
      wm_atspi_target_clear (target);
      found = query->focus
        ? describe_focus (&walk, query->pid, query->window_title, deadline, target)
        : describe_point (&walk, query->pid, query->window_title, query->x, query->y,
                          deadline, target);
      reached = reached || walk.reached;
      if (found || g_get_monotonic_time () + RETRY_PAUSE_USEC >= deadline)
        break;
      /* GTK 3 builds its accessibles when first asked, and rebuilds a header bar's
       * after a page switch: a first walk can find nothing under a real button. */
      if (!walk.unanswered && asked_again)
        break;
      asked_again |= !walk.unanswered;
      g_usleep (RETRY_PAUSE_USEC);
    }
  /* Slow in a big tree (Chromium's under load) is not hung: only no answer at all is. */
  mark_hung (query->pid, !found && walk.unanswered && !reached);
  unlock_atspi ();

  /* bench/describe reads these lines for the latency of each lookup. */
  g_debug ("Described %s of %d in %" G_GINT64_FORMAT " ms: %s %s",
           query->focus ? "the focus" : "a point", (int) query->pid,
           (g_get_monotonic_time () - start) / 1000,
           found && target->role ? target->role : "nothing",
           found && target->name ? target->name : "");

  return found;
}

gboolean
wm_atspi_describe_point (GPid           pid,
                         const char    *window_title,
                         int            window_x,
                         int            window_y,
                         gint64         budget_usec,
                         WmAtspiTarget *target)
{
  Query query = { pid, window_title, FALSE, window_x, window_y };

  return describe (&query, budget_usec, target);
}

gboolean
wm_atspi_describe_focus (GPid           pid,
                         const char    *window_title,
                         gint64         budget_usec,
                         WmAtspiTarget *target)
{
  Query query = { pid, window_title, TRUE, 0, 0 };

  return describe (&query, budget_usec, target);
}
