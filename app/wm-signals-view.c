/* wm-signals-view.c — what readers did with a tutorial: figures and a funnel of its steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-signals-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-signals-view.h"

#define BAR_GAP 4.0

struct _WmSignalsView
{
  GtkWidget         parent_instance;

  WmSignalSummary  *summary;
  GCancellable     *cancellable;

  GtkWidget        *group;
  GtkLabel         *figures_label;
  GtkDrawingArea   *funnel;
  GtkLabel         *drop_label;
  GtkLabel         *helped_label;
  GtkBox           *comments_box;
};

G_DEFINE_FINAL_TYPE (WmSignalsView, wm_signals_view, GTK_TYPE_WIDGET)

enum {
  STEP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Loading, on a worker with its own connection ------------------------------------------- */

typedef struct {
  char *path;
  char *tutorial_id;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_free (job->tutorial_id);
  g_free (job);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WmStore) store = wm_store_open_read_only (job->path, &error);
  g_autoptr(GPtrArray) all = NULL;

  if (store == NULL || !(all = wm_store_list_signal_summaries (store, job->tutorial_id, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The newest version that has readers. */
  if (all->len == 0)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_return_pointer (task, g_ptr_array_steal_index (all, all->len - 1),
                           (GDestroyNotify) wm_signal_summary_free);
}

static void
show_comments (WmSignalsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->comments_box))))
    gtk_box_remove (self->comments_box, child);

  for (guint i = 0; self->summary && i < MIN (self->summary->comments->len, 20); i++)
    {
      WmSignalComment *c = g_ptr_array_index (self->summary->comments, i);
      /* Reader text: set as text, never as markup. */
      GtkWidget *label = gtk_label_new (c->text);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, c->helpful == 0 ? "error" : "dim-label");
      gtk_widget_set_tooltip_text (label, c->helpful == 1 ? _("Said it helped")
                                          : c->helpful == 0 ? _("Said it did not help") : NULL);
      gtk_box_append (self->comments_box, label);
    }
}

static void
show_summary (WmSignalsView *self)
{
  WmSignalSummary *s = self->summary;
  g_autofree char *figures = NULL, *median = NULL, *drop = NULL, *helped = NULL;
  guint drop_step;

  if (s == NULL)
    {
      gtk_label_set_text (self->figures_label,
                          _("No readers yet. Publish the library with an LRS, then pull its "
                            "signals (waymark signals pull)."));
      gtk_widget_set_visible (GTK_WIDGET (self->funnel), FALSE);
      gtk_label_set_text (self->drop_label, "");
      gtk_label_set_text (self->helped_label, "");
      show_comments (self);
      return;
    }

  median = wm_signal_format_duration (s->median_ms);
  /* TRANSLATORS: %1$u version, %2$u readers, %3$u starts, %4$u completed, %5$.0f their share
   * in percent, %6$s the median time to finish */
  figures = g_strdup_printf (_("Version %1$u: %2$u readers, %3$u starts, %4$u completed "
                               "(%5$.0f %%), median time %6$s"),
                             s->version, s->readers, s->starts, s->completions,
                             100 * wm_signal_summary_completion_rate (s), median);
  gtk_label_set_text (self->figures_label, figures);

  drop_step = wm_signal_summary_drop_step (s);
  if (drop_step > 0)
    /* TRANSLATORS: %u is a step number */
    drop = g_strdup_printf (_("Most readers leave after step %u."), drop_step);
  gtk_label_set_text (self->drop_label, drop ? drop : "");
  /* TRANSLATORS: answers to “Did this help?” */
  helped = g_strdup_printf (_("Helped: %1$u yes, %2$u no"), s->helpful_yes, s->helpful_no);
  gtk_label_set_text (self->helped_label, helped);

  gtk_widget_set_visible (GTK_WIDGET (self->funnel), s->funnel->len > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->funnel),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, drop ? drop : figures, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->funnel));
  show_comments (self);
}

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(WmSignalsView) self = user_data;
  g_autoptr(GError) error = NULL;
  WmSignalSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Cannot read the adoption signals: %s", error->message);

  g_clear_pointer (&self->summary, wm_signal_summary_free);
  self->summary = summary;
  show_summary (self);
}

void
wm_signals_view_load (WmSignalsView *self,
                      WmStore       *store,
                      const char    *tutorial_id)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (WM_IS_SIGNALS_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->summary, wm_signal_summary_free);
  if (store == NULL || tutorial_id == NULL)
    {
      show_summary (self);
      return;
    }

  gtk_label_set_text (self->figures_label, _("Reading what readers did…"));
  self->cancellable = g_cancellable_new ();
  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (wm_store_get_path (store));
  job->tutorial_id = g_strdup (tutorial_id);
  task = g_task_new (NULL, self->cancellable, loaded, g_object_ref (self));
  g_task_set_source_tag (task, wm_signals_view_load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_in_thread);
}

const WmSignalSummary *
wm_signals_view_get_summary (WmSignalsView *self)
{
  g_return_val_if_fail (WM_IS_SIGNALS_VIEW (self), NULL);

  return self->summary;
}

/* The funnel ------------------------------------------------------------------------------ */

static double
bar_width (WmSignalsView *self,
           int            width)
{
  return (width + BAR_GAP) / MAX (1, self->summary->funnel->len) - BAR_GAP;
}

guint
wm_signals_view_step_at (WmSignalsView *self,
                         double         x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->funnel));
  guint step;

  g_return_val_if_fail (WM_IS_SIGNALS_VIEW (self), 0);

  if (self->summary == NULL || self->summary->funnel->len == 0 || x < 0 || x >= width)
    return 0;
  step = (guint) (x / (bar_width (self, width) + BAR_GAP)) + 1;
  return MIN (step, self->summary->funnel->len);
}

void
wm_signals_view_activate_step (WmSignalsView *self,
                               guint          step)
{
  g_return_if_fail (WM_IS_SIGNALS_VIEW (self));

  if (step > 0)
    g_signal_emit (self, signals[STEP_ACTIVATED], 0, step);
}

static void
draw_funnel (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  WmSignalsView *self = user_data;
  WmSignalSummary *s = self->summary;
  guint most = 1, drop;
  double w;

  if (s == NULL || s->funnel->len == 0)
    return;

  for (guint i = 0; i < s->funnel->len; i++)
    most = MAX (most, g_array_index (s->funnel, guint, i));
  drop = wm_signal_summary_drop_step (s);
  w = bar_width (self, width);

  for (guint i = 0; i < s->funnel->len; i++)
    {
      double h = (height - 2) * g_array_index (s->funnel, guint, i) / (double) most;

      /* The step after which most readers leave stands out. */
      if (i + 1 == drop)
        cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
      else
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, i * (w + BAR_GAP), height - h, MAX (w, 1), h);
      cairo_fill (cr);
    }
}

static void
funnel_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                WmSignalsView   *self)
{
  wm_signals_view_activate_step (self, wm_signals_view_step_at (self, x));
}

/* GObject ------------------------------------------------------------------------------- */

static void
wm_signals_view_dispose (GObject *object)
{
  WmSignalsView *self = WM_SIGNALS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), WM_TYPE_SIGNALS_VIEW);

  G_OBJECT_CLASS (wm_signals_view_parent_class)->dispose (object);
}

static void
wm_signals_view_finalize (GObject *object)
{
  WmSignalsView *self = WM_SIGNALS_VIEW (object);

  g_clear_pointer (&self->summary, wm_signal_summary_free);

  G_OBJECT_CLASS (wm_signals_view_parent_class)->finalize (object);
}

static void
wm_signals_view_class_init (WmSignalsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wm_signals_view_dispose;
  object_class->finalize = wm_signals_view_finalize;

  signals[STEP_ACTIVATED] = g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-signals-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, WmSignalsView, group);
  gtk_widget_class_bind_template_child (widget_class, WmSignalsView, figures_label);
  gtk_widget_class_bind_template_child (widget_class, WmSignalsView, funnel);
  gtk_widget_class_bind_template_child (widget_class, WmSignalsView, drop_label);
  gtk_widget_class_bind_template_child (widget_class, WmSignalsView, helped_label);
  gtk_widget_class_bind_template_child (widget_class, WmSignalsView, comments_box);
}

static void
wm_signals_view_init (WmSignalsView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->funnel, draw_funnel, self, NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (funnel_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->funnel), GTK_EVENT_CONTROLLER (click));
  show_summary (self);
}
