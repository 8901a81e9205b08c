/* wm-tutorial-row.c — one tutorial in the library list
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-tutorial-row"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-tutorial-row.h"

struct _WmTutorialRow
{
  GtkWidget      parent_instance;

  WmThumbnailer *thumbnailer;
  WmTutorial    *tutorial;
  GCancellable  *cancellable;
  gboolean       wants_thumbnail;

  GtkWidget     *box;
  GtkPicture    *thumbnail;
  GtkWidget     *placeholder;
  GtkLabel      *title_label;
  GtkLabel      *summary_label;
  GtkLabel      *stage_label;
  GtkLabel      *roles_label;
  GtkLabel      *status_label;
  GtkLabel      *meta_label;
  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (WmTutorialRow, wm_tutorial_row, GTK_TYPE_WIDGET)

char *
wm_format_relative_time (gint64 usec)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  gint64 delta = (g_get_real_time () - usec) / G_USEC_PER_SEC;

  if (then == NULL)
    return g_strdup ("");
  if (delta < 60)
    return g_strdup (_("just now"));
  if (delta < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         delta / 60), (int) (delta / 60));
  if (delta < 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         delta / 3600), (int) (delta / 3600));
  /* Translators: a date in the library list, see g_date_time_format() */
  return g_date_time_format (then, _("%e %b %Y"));
}

char *
wm_format_roles (WmTutorial *tutorial)
{
  const char * const *roles = wm_tutorial_get_roles (tutorial);

  if (roles == NULL || roles[0] == NULL)
    return g_strdup (_("No role"));

  return g_strjoinv (", ", (char **) roles);
}

static void
set_status_class (WmTutorialRow *self,
                  WmStatus       status)
{
  static const char *classes[] = { "draft", "in-review", "changes-requested", "approved" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), classes[status]);
}

static void
thumbnail_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WmTutorialRow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = wm_thumbnailer_load_finish (WM_THUMBNAILER (source), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }

  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->placeholder, FALSE);
}

static void
update_thumbnail (WmTutorialRow *self)
{
  const char *sha = self->tutorial ? wm_tutorial_get_thumbnail_sha256 (self->tutorial) : NULL;
  GdkTexture *cached = sha ? wm_thumbnailer_lookup (self->thumbnailer, sha) : NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (cached));
  gtk_widget_set_visible (self->placeholder, cached == NULL);
  /* Decoding waits until the row is drawn: a list binds many more rows than it shows. */
  self->wants_thumbnail = sha != NULL && cached == NULL;
}

static void
request_thumbnail (WmTutorialRow *self)
{
  self->wants_thumbnail = FALSE;
  self->cancellable = g_cancellable_new ();
  wm_thumbnailer_load_async (self->thumbnailer, wm_tutorial_get_thumbnail_sha256 (self->tutorial),
                             self->cancellable, thumbnail_loaded, g_object_ref (self));
}

static void
wm_tutorial_row_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  WmTutorialRow *self = WM_TUTORIAL_ROW (widget);

  if (self->wants_thumbnail)
    request_thumbnail (self);

  GTK_WIDGET_CLASS (wm_tutorial_row_parent_class)->snapshot (widget, snapshot);
}

/* Built when the button is pressed: a popover per row would cost every bound row (a list
 * keeps a couple of hundred alive) a whole menu it rarely shows. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  WmTutorialRow *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  const char *id = self->tutorial ? wm_tutorial_get_id (self->tutorial) : NULL;
  static const struct { const char *label; const char *action; gboolean danger; } items[] = {
    { N_("_Open"), "win.open-tutorial", FALSE },
    { N_("_Duplicate"), "win.duplicate-tutorial", FALSE },
    { N_("_Export…"), "win.export-tutorial", FALSE },
    { N_("_Delete"), "win.delete-tutorial", TRUE },
  };

  if (id == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (id));
      g_menu_append_item (items[i].danger ? section : menu, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

void
wm_tutorial_row_set_tutorial (WmTutorialRow *self,
                              WmTutorial    *tutorial)
{
  g_autofree char *roles = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  guint n_steps;

  g_return_if_fail (WM_IS_TUTORIAL_ROW (self));

  if (!g_set_object (&self->tutorial, tutorial) || tutorial == NULL)
    {
      if (tutorial == NULL)
        update_thumbnail (self);
      return;
    }

  n_steps = wm_tutorial_get_n_steps (tutorial);
  roles = wm_format_roles (tutorial);
  when = wm_format_relative_time (wm_tutorial_get_updated_at (tutorial));
  meta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step · %s", "%u steps · %s",
                                       n_steps), n_steps, when);

  gtk_label_set_text (self->title_label, wm_tutorial_get_title (tutorial));
  gtk_label_set_text (self->summary_label, wm_tutorial_get_summary (tutorial) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label),
                          wm_tutorial_get_summary (tutorial) != NULL);
  gtk_label_set_text (self->stage_label, wm_stage_get_title (wm_tutorial_get_stage (tutorial)));
  gtk_label_set_text (self->roles_label, roles);
  gtk_label_set_text (self->status_label, wm_status_get_title (wm_tutorial_get_status (tutorial)));
  set_status_class (self, wm_tutorial_get_status (tutorial));
  gtk_label_set_text (self->meta_label, meta);
  update_thumbnail (self);
}

WmTutorial *
wm_tutorial_row_get_tutorial (WmTutorialRow *self)
{
  g_return_val_if_fail (WM_IS_TUTORIAL_ROW (self), NULL);

  return self->tutorial;
}

static void
wm_tutorial_row_dispose (GObject *object)
{
  WmTutorialRow *self = WM_TUTORIAL_ROW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_TUTORIAL_ROW);
  /* The template's top box has no id, so dispose_template() leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->tutorial);
  g_clear_object (&self->thumbnailer);

  G_OBJECT_CLASS (wm_tutorial_row_parent_class)->dispose (object);
}

static void
wm_tutorial_row_class_init (WmTutorialRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_tutorial_row_dispose;
  widget_class->snapshot = wm_tutorial_row_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-tutorial-row.ui");
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, box);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, placeholder);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, stage_label);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, roles_label);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, WmTutorialRow, menu_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tutorialrow");
}

static void
wm_tutorial_row_init (WmTutorialRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu, self, NULL);
}

GtkWidget *
wm_tutorial_row_new (WmThumbnailer *thumbnailer)
{
  WmTutorialRow *self = g_object_new (WM_TYPE_TUTORIAL_ROW, NULL);

  self->thumbnailer = g_object_ref (thumbnailer);

  return GTK_WIDGET (self);
}
