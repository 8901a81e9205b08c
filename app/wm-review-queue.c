/* wm-review-queue.c — the tutorials waiting for a reviewer
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-review-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-review-resources.h"
#include "wm-review-queue.h"

struct _WmReviewQueue
{
  AdwBin      parent_instance;
  WmStore    *store;
  guint       n_items;
  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (WmReviewQueue, wm_review_queue, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  OPEN_TUTORIAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
describe (WmTutorial *t)
{
  const char *from = wm_tutorial_get_contributor (t) ? wm_tutorial_get_contributor (t)
                                                     : wm_tutorial_get_author (t);
  g_autofree char *steps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps",
                                                         wm_tutorial_get_n_steps (t)),
                                            wm_tutorial_get_n_steps (t));

  return g_strdup_printf (_("Version %u · %s · from %s"), wm_tutorial_get_version (t), steps,
                          from ? from : _("someone"));
}

static GtkWidget *
make_row (WmTutorial *t)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *described = describe (t);
  g_autofree char *subtitle = g_markup_escape_text (described, -1);
  g_autofree char *title = g_markup_escape_text (wm_tutorial_get_title (t), -1);

  /* Titles and names are people's text: escaped, never markup. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "review-queue.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", wm_tutorial_get_id (t));

  return row;
}

void
wm_review_queue_reload (WmReviewQueue *self)
{
  g_autoptr(GPtrArray) tutorials = NULL;
  g_autoptr(GError) error = NULL;
  WmFilter filter = WM_FILTER_INIT;
  GtkWidget *child;

  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_items = 0;

  filter.status = WM_STATUS_IN_REVIEW;
  if (self->store != NULL && !(tutorials = wm_store_list_tutorials (self->store, &filter, &error)))
    g_warning ("Cannot list the review queue: %s", error->message);

  /* Oldest first: whoever waited longest is reviewed first. */
  for (guint i = tutorials ? tutorials->len : 0; i-- > 0;)
    {
      gtk_list_box_append (self->list, make_row (g_ptr_array_index (tutorials, i)));
      self->n_items++;
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_items ? "list" : "empty");
}

static void
refresh_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  wm_review_queue_reload (WM_REVIEW_QUEUE (widget));
}

static void
open_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  g_signal_emit (widget, signals[OPEN_TUTORIAL], 0, g_variant_get_string (param, NULL));
}

static void
wm_review_queue_dispose (GObject *object)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_review_queue_parent_class)->dispose (object);
}

static void
wm_review_queue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_review_queue_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  switch (prop_id)
    {
    case PROP_STORE: wm_review_queue_set_store (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_review_queue_class_init (WmReviewQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_review_queue_dispose;
  object_class->get_property = wm_review_queue_get_property;
  object_class->set_property = wm_review_queue_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, WM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_TUTORIAL] =
    g_signal_new ("open-tutorial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Referenced so that the static library's resource (and its registration) is linked. */
  g_assert (wm_review_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/review/wm-review-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, stack);
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, list);

  gtk_widget_class_install_action (widget_class, "review-queue.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "review-queue.open", "s", open_action);
}

static void
wm_review_queue_init (WmReviewQueue *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
wm_review_queue_new (WmStore *store)
{
  return g_object_new (WM_TYPE_REVIEW_QUEUE, "store", store, NULL);
}

WmStore *
wm_review_queue_get_store (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), NULL);
  return self->store;
}

void
wm_review_queue_set_store (WmReviewQueue *self,
                           WmStore       *store)
{
  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));
  g_return_if_fail (store == NULL || WM_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      wm_review_queue_reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

guint
wm_review_queue_get_n_items (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), 0);
  return self->n_items;
}
