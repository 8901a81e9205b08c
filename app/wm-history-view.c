/* wm-history-view.c — a tutorial's review history, and two versions side by side
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-history-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-instruction-label.h"
#include "wm-history-view.h"
#include "wm-review.h"

#define THUMB_WIDTH 320

struct _WmHistoryView
{
  AdwBin      parent_instance;
  WmStore    *store;
  char       *tutorial_id;
  guint       n_events;
  WmDiff     *diff;

  GtkListBox *events;
  GtkLabel   *diff_title;
  GtkGrid    *diff_grid;
};

G_DEFINE_FINAL_TYPE (WmHistoryView, wm_history_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    gtk_widget_unparent (child);
}

/* History --------------------------------------------------------------------------- */

static char *
event_subtitle (WmHistoryEvent *ev)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (wm_history_event_get_at (ev) /
                                                            G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, "%x %X") : g_strdup ("");
  GPtrArray *pins = wm_history_event_get_step_comments (ev);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("%s · version %u"), when, wm_history_event_get_version (ev));
  if (wm_history_event_get_message (ev))
    g_string_append_printf (s, "\n“%s”", wm_history_event_get_message (ev));
  for (guint i = 0; i < pins->len; i++)
    {
      WmStepComment *c = g_ptr_array_index (pins, i);
      g_string_append_printf (s, _("\nStep %u: “%s”"), c->position + 1, c->comment);
    }

  return g_string_free (s, FALSE);
}

static GtkWidget *
event_row (WmHistoryEvent *ev)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *who = wm_history_event_dup_identity (ev);
  g_autofree char *title = g_strdup_printf ("%s %s", who ? who : _("Someone"),
                                            wm_history_event_get_action (ev));
  g_autofree char *subtitle = event_subtitle (ev);
  g_autofree char *title_escaped = g_markup_escape_text (title, -1);
  g_autofree char *subtitle_escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_escaped);

  return row;
}

static void
load_history (WmHistoryView *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->events))) != NULL)
    gtk_list_box_remove (self->events, child);
  self->n_events = 0;

  if (!(events = wm_review_list_history (self->store, self->tutorial_id, &error)))
    {
      g_warning ("Cannot read the history: %s", error->message);
      return;
    }

  /* Newest first: what happened last is what a person looks for. */
  for (guint i = events->len; i-- > 0;)
    gtk_list_box_append (self->events, event_row (g_ptr_array_index (events, i)));
  self->n_events = events->len;
}

/* Side by side ---------------------------------------------------------------------- */

static GtkWidget *
step_cell (WmHistoryView *self,
           WmStep          *step)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *sha;
  g_autoptr(WmImage) image = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *picture, *label;

  if (step == NULL)
    return box;

  sha = wm_step_get_image_sha256 (step);
  image = sha ? wm_store_load_image (self->store, sha, NULL) : NULL;
  texture = image ? gdk_texture_new_from_bytes (wm_image_get_png (image), NULL) : NULL;
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, THUMB_WIDTH, THUMB_WIDTH * 9 / 16);
  gtk_box_append (GTK_BOX (box), picture);

  label = gtk_label_new (NULL);
  wm_instruction_label_set (GTK_LABEL (label), step, _("(no instruction)"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static char *
describe_changes (WmDiffChange changes)
{
  static const struct { WmDiffChange flag; const char *label; } labels[] = {
    { WM_DIFF_ADDED, N_("Added") },
    { WM_DIFF_REMOVED, N_("Removed") },
    { WM_DIFF_MOVED, N_("Moved") },
    { WM_DIFF_TEXT_CHANGED, N_("Text changed") },
    { WM_DIFF_SCREENSHOT_CHANGED, N_("Screenshot changed") },
    { WM_DIFF_ANNOTATIONS_CHANGED, N_("Annotations changed") },
    { WM_DIFF_ACTION_CHANGED, N_("Action changed") },
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (changes & labels[i].flag)
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", _(labels[i].label));

  return g_string_free (s, FALSE);
}

static void
show_diff (WmHistoryView *self,
           guint            v1,
           guint            v2)
{
  g_autofree char *heading = g_strdup_printf (_("Version %u and version %u"), v1, v2);
  int row = 0;

  clear_children (GTK_WIDGET (self->diff_grid));
  gtk_label_set_text (self->diff_title, heading);

  for (guint i = 0; i < wm_diff_get_n_entries (self->diff); i++)
    {
      const WmDiffEntry *e = wm_diff_get_entry (self->diff, i);
      g_autofree char *what = NULL;
      GtkWidget *label;

      /* Only what changed, each as the old step beside the new one. */
      if (e->changes == WM_DIFF_UNCHANGED)
        continue;

      what = describe_changes (e->changes);
      label = gtk_label_new (what);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->diff_grid, label, 0, row++, 2, 1);
      gtk_grid_attach (self->diff_grid, step_cell (self, e->old_step), 0, row, 1, 1);
      gtk_grid_attach (self->diff_grid, step_cell (self, e->new_step), 1, row++, 1, 1);
    }

  if (row == 0)
    gtk_grid_attach (self->diff_grid, gtk_label_new (_("No changes to the steps")), 0, 0, 2, 1);
}

static gboolean
compare (WmHistoryView *self,
         guint            v1,
         guint            v2,
         GError         **error)
{
  g_autoptr(WmTutorial) a = NULL, b = NULL;

  if (!(a = wm_review_load_version (self->store, self->tutorial_id, v1, error)) ||
      !(b = wm_review_load_version (self->store, self->tutorial_id, v2, error)))
    return FALSE;

  g_clear_object (&self->diff);
  self->diff = wm_diff_new (a, b);
  show_diff (self, v1, v2);

  return TRUE;
}

static void
compare_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  WmHistoryView *self = WM_HISTORY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  guint v1, v2;

  g_variant_get (param, "(uu)", &v1, &v2);
  if (!compare (self, v1, v2, &error))
    gtk_label_set_text (self->diff_title, error->message);
}

static void
reload (WmHistoryView *self)
{
  g_autoptr(WmTutorial) t = NULL;
  guint base;

  clear_children (GTK_WIDGET (self->diff_grid));
  gtk_label_set_text (self->diff_title, "");
  g_clear_object (&self->diff);

  if (self->store == NULL || self->tutorial_id == NULL)
    return;

  load_history (self);
  t = wm_store_load_tutorial (self->store, self->tutorial_id, FALSE, NULL);
  if (t != NULL && (base = wm_review_default_base (t)) > 0)
    compare (self, base, wm_tutorial_get_version (t), NULL);
}

/* GObject --------------------------------------------------------------------------- */

static void
wm_history_view_dispose (GObject *object)
{
  WmHistoryView *self = WM_HISTORY_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->diff);
  g_clear_pointer (&self->tutorial_id, g_free);

  G_OBJECT_CLASS (wm_history_view_parent_class)->dispose (object);
}

static void
wm_history_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WmHistoryView *self = WM_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WmHistoryView *self = WM_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: wm_history_view_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_history_view_class_init (WmHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_history_view_dispose;
  object_class->get_property = wm_history_view_get_property;
  object_class->set_property = wm_history_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, WM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referenced so that the static library's resource (and its registration) is linked. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WmHistoryView, events);
  gtk_widget_class_bind_template_child (widget_class, WmHistoryView, diff_title);
  gtk_widget_class_bind_template_child (widget_class, WmHistoryView, diff_grid);

  gtk_widget_class_install_action (widget_class, "review-history.compare", "(uu)",
                                   compare_action);
}

static void
wm_history_view_init (WmHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wm_history_view_new (WmStore *store)
{
  return g_object_new (WM_TYPE_HISTORY_VIEW, "store", store, NULL);
}

void
wm_history_view_set_store (WmHistoryView *self,
                             WmStore         *store)
{
  g_return_if_fail (WM_IS_HISTORY_VIEW (self));

  if (g_set_object (&self->store, store))
    {
      reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

void
wm_history_view_set_tutorial_id (WmHistoryView *self,
                                   const char      *tutorial_id)
{
  g_return_if_fail (WM_IS_HISTORY_VIEW (self));

  g_free (self->tutorial_id);
  self->tutorial_id = g_strdup (tutorial_id);
  reload (self);
}

guint
wm_history_view_get_n_events (WmHistoryView *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_VIEW (self), 0);
  return self->n_events;
}

WmDiff *
wm_history_view_get_diff (WmHistoryView *self)
{
  g_return_val_if_fail (WM_IS_HISTORY_VIEW (self), NULL);
  return self->diff;
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_PICTURE (widget))
    {
      GdkPaintable *p = gtk_picture_get_paintable (GTK_PICTURE (widget));

      if (p != NULL)
        g_string_append_printf (out, "[%d×%d]\n", gdk_paintable_get_intrinsic_width (p),
                                gdk_paintable_get_intrinsic_height (p));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

char *
wm_history_view_dup_comparison_text (WmHistoryView *self)
{
  GString *out;

  g_return_val_if_fail (WM_IS_HISTORY_VIEW (self), NULL);

  out = g_string_new (NULL);
  collect_text (GTK_WIDGET (self->diff_title), out);
  collect_text (GTK_WIDGET (self->diff_grid), out);
  return g_string_free (out, FALSE);
}
