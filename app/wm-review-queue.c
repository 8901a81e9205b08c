/* wm-review-queue.c — the tutorials waiting for a reviewer, and the bundles waiting in the
 * shared library's review inbox
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-review-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-bundle.h"
#include "wm-review-queue.h"

struct _WmReviewQueue
{
  AdwBin        parent_instance;
  WmStore      *store;
  char         *inbox_location;
  GCancellable *cancellable;   /* the inbox being read, or an import */
  guint         n_items;
  guint         n_inbox_items;
  guint         busy;          /* inbox reads and imports under way */
  char         *error;
  GtkFileChooserNative *chooser;

  GtkStack     *stack;
  GtkListBox   *list;
  GtkWidget    *queue_group;
  AdwPreferencesGroup *inbox_group;
  GtkListBox   *inbox_list;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (WmReviewQueue, wm_review_queue, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_INBOX_LOCATION,
  PROP_BUSY,
  PROP_DISTINCT_APPROVER,
  N_PROPS
};

enum {
  OPEN_TUTORIAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_error (WmReviewQueue *self,
            const char    *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (WmReviewQueue *self,
          gboolean       busy)
{
  self->busy += busy ? 1 : -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_page (WmReviewQueue *self)
{
  gtk_widget_set_visible (self->queue_group, self->n_items > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->inbox_group), self->n_inbox_items > 0);
  gtk_stack_set_visible_child_name (self->stack, self->n_items + self->n_inbox_items ? "list"
                                                                                    : "empty");
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Titles, names and messages are people's text: escaped, never markup. */
static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title_escaped = g_markup_escape_text (title, -1);
  g_autofree char *subtitle_escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  return row;
}

/* "Version 2 · 4 steps · from Alice <alice@example.org>" */
static char *
describe (WmTutorial *t,
          const char *from)
{
  g_autofree char *steps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps",
                                                         wm_tutorial_get_n_steps (t)),
                                            wm_tutorial_get_n_steps (t));

  return g_strdup_printf (_("Version %u · %s · from %s"), wm_tutorial_get_version (t), steps,
                          from && *from ? from : _("someone"));
}

/* The queue ------------------------------------------------------------------------- */

static GtkWidget *
make_row (WmTutorial *t)
{
  const char *from = wm_tutorial_get_contributor (t) ? wm_tutorial_get_contributor (t)
                                                     : wm_tutorial_get_author (t);
  g_autofree char *described = describe (t, from);
  GtkWidget *row = text_row (wm_tutorial_get_title (t), described);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "review-queue.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", wm_tutorial_get_id (t));

  return row;
}

static void
reload_queue (WmReviewQueue *self)
{
  g_autoptr(GPtrArray) tutorials = NULL;
  g_autoptr(GError) error = NULL;
  WmFilter filter = WM_FILTER_INIT;

  clear_list (self->list);
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
}

/* The inbox ------------------------------------------------------------------------- */

typedef struct {
  GFile    *file;
  WmBundle *bundle;    /* NULL when refused */
  char     *error;
  gboolean  held;      /* this library has exactly that already */
} InboxItem;

static void
inbox_item_free (InboxItem *item)
{
  g_clear_object (&item->file);
  g_clear_object (&item->bundle);
  g_free (item->error);
  g_free (item);
}

/* A job on a worker (reading the inbox, importing a bundle) gets plain data: the library's
 * path, so that it opens its own connection (one per thread), and the file it works on. */
typedef struct {
  char  *library;
  GFile *file;
} Job;

static Job *
job_new (WmStore *store,
         GFile   *file)
{
  Job *job = g_new0 (Job, 1);

  job->library = g_strdup (wm_store_get_path (store));
  job->file = g_object_ref (file);
  return job;
}

static void
job_free (Job *job)
{
  g_free (job->library);
  g_clear_object (&job->file);
  g_free (job);
}

/* Every bundle is read as the untrusted input it is (wm_bundle_load checks it all), off
 * the main thread: an inbox may hold many of them, each up to WM_BUNDLE_MAX_SIZE. */
static void
read_inbox_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) inbox_item_free);
  GError *error = NULL;

  if (!(store = wm_store_open (job->library, &error)) ||
      !(files = wm_bundle_list_inbox (job->file, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < files->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      InboxItem *item = g_new0 (InboxItem, 1);
      g_autoptr(GError) bad = NULL;

      item->file = g_object_ref (g_ptr_array_index (files, i));
      item->bundle = wm_bundle_load (item->file, cancellable, &bad);
      if (item->bundle == NULL)
        item->error = g_strdup (bad->message);
      else
        item->held = wm_review_holds (store, wm_bundle_get_tutorial (item->bundle));
      g_ptr_array_add (items, item);
    }

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
make_inbox_row (InboxItem *item)
{
  g_autofree char *name = g_file_get_basename (item->file);
  WmTutorial *t;
  g_autofree char *described = NULL;
  GtkWidget *row, *button;

  if (item->bundle == NULL)
    {
      row = text_row (name, item->error);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      return row;
    }

  t = wm_bundle_get_tutorial (item->bundle);
  described = describe (t, wm_bundle_get_sender (item->bundle));
  if (wm_bundle_get_message (item->bundle) != NULL)
    {
      char *with_message = g_strdup_printf ("%s\n“%s”", described,
                                            wm_bundle_get_message (item->bundle));
      g_free (described);
      described = with_message;
    }
  row = text_row (wm_tutorial_get_title (t), described);

  if (item->held)
    {
      GtkWidget *label = gtk_label_new (_("In this library"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "review-queue.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", wm_tutorial_get_id (t));
      return row;
    }

  button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "review-queue.import");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_take_string (g_file_get_uri (item->file)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
read_inbox_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WmReviewQueue) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_list (self->inbox_list);
  self->n_inbox_items = 0;
  if (items == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot read the shared library’s inbox: %s"),
                                                  error->message);
      show_error (self, message);
    }

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      gtk_list_box_append (self->inbox_list, make_inbox_row (g_ptr_array_index (items, i)));
      self->n_inbox_items++;
    }
  update_page (self);
}

static void
reload_inbox (WmReviewQueue *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) location = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_list (self->inbox_list);
  self->n_inbox_items = 0;
  adw_preferences_group_set_description (self->inbox_group, self->inbox_location);

  if (self->store == NULL || self->inbox_location == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, read_inbox_done, g_object_ref (self));
  g_task_set_source_tag (task, reload_inbox);
  location = g_file_new_for_commandline_arg (self->inbox_location);
  g_task_set_task_data (task, job_new (self->store, location), (GDestroyNotify) job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, read_inbox_thread);
}

void
wm_review_queue_reload (WmReviewQueue *self)
{
  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));

  show_error (self, NULL);
  reload_queue (self);
  reload_inbox (self);
  update_page (self);
  /* Someone may have changed the rule from the command line meanwhile. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTINCT_APPROVER]);
}

/* Importing ------------------------------------------------------------------------- */

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmBundle) bundle = NULL;
  GError *error = NULL;

  if (!(bundle = wm_bundle_load (job->file, cancellable, &error)) ||
      !(store = wm_store_open (job->library, &error)) ||
      !wm_bundle_import (bundle, store, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (wm_tutorial_get_id (wm_bundle_get_tutorial (bundle))),
                         g_free);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WmReviewQueue) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  wm_review_queue_reload (self);
  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[OPEN_TUTORIAL], 0, id);
}

static void
start_import (WmReviewQueue *self,
              GFile         *file)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;

  task = g_task_new (NULL, NULL, import_done, g_object_ref (self));
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, job_new (self->store, file), (GDestroyNotify) job_free);
  show_error (self, NULL);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, import_thread);
}

static void
import_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  start_import (WM_REVIEW_QUEUE (widget), file);
}

static void
on_chooser_response (WmReviewQueue *self,
                     int            response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    start_import (self, file);
}

static void
choose_bundle_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_file_filter_set_name (filter, _("Waymark bundles"));
  gtk_file_filter_add_suffix (filter, "waymark");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import a Bundle"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                               NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The library's rule, kept in the library itself: every reviewer's app sees the same. */
static gboolean
get_distinct_approver (WmReviewQueue *self)
{
  g_autofree char *value = self->store ? wm_store_get_setting (self->store,
                                                               WM_REVIEW_DISTINCT_APPROVER)
                                       : NULL;

  return g_strcmp0 (value, "true") == 0;
}

static void
set_distinct_approver (WmReviewQueue *self,
                       gboolean       distinct)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || distinct == get_distinct_approver (self))
    return;

  if (!wm_store_set_setting (self->store, WM_REVIEW_DISTINCT_APPROVER,
                             distinct ? "true" : "false", &error))
    show_error (self, error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTINCT_APPROVER]);
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

/* GObject --------------------------------------------------------------------------- */

static void
wm_review_queue_dispose (GObject *object)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_review_queue_parent_class)->dispose (object);
}

static void
wm_review_queue_finalize (GObject *object)
{
  WmReviewQueue *self = WM_REVIEW_QUEUE (object);

  g_free (self->inbox_location);
  g_free (self->error);

  G_OBJECT_CLASS (wm_review_queue_parent_class)->finalize (object);
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
    case PROP_INBOX_LOCATION: g_value_set_string (value, self->inbox_location); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy > 0); break;
    case PROP_DISTINCT_APPROVER: g_value_set_boolean (value, get_distinct_approver (self)); break;
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
    case PROP_INBOX_LOCATION:
      wm_review_queue_set_inbox_location (self, g_value_get_string (value));
      break;
    case PROP_DISTINCT_APPROVER: set_distinct_approver (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_review_queue_class_init (WmReviewQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wm_review_queue_dispose;
  object_class->finalize = wm_review_queue_finalize;
  object_class->get_property = wm_review_queue_get_property;
  object_class->set_property = wm_review_queue_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, WM_TYPE_STORE, flags);
  properties[PROP_INBOX_LOCATION] = g_param_spec_string ("inbox-location", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTINCT_APPROVER] = g_param_spec_boolean ("distinct-approver", NULL, NULL,
                                                             FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_TUTORIAL] =
    g_signal_new ("open-tutorial", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Referenced so that the static library's resource (and its registration) is linked. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-review-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, stack);
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, list);
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, queue_group);
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, inbox_group);
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, inbox_list);
  gtk_widget_class_bind_template_child (widget_class, WmReviewQueue, error_label);

  gtk_widget_class_install_action (widget_class, "review-queue.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "review-queue.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "review-queue.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "review-queue.choose-bundle", NULL,
                                   choose_bundle_action);
  gtk_widget_class_install_property_action (widget_class, "review-queue.distinct-approver",
                                            "distinct-approver");
}

static void
wm_review_queue_init (WmReviewQueue *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_page (self);
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTINCT_APPROVER]);
    }
}

void
wm_review_queue_set_inbox_location (WmReviewQueue *self,
                                    const char    *location)
{
  g_return_if_fail (WM_IS_REVIEW_QUEUE (self));

  if (location != NULL && *location == '\0')
    location = NULL;
  if (g_strcmp0 (self->inbox_location, location) == 0)
    return;

  g_free (self->inbox_location);
  self->inbox_location = g_strdup (location);
  wm_review_queue_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INBOX_LOCATION]);
}

const char *
wm_review_queue_get_inbox_location (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), NULL);
  return self->inbox_location;
}

guint
wm_review_queue_get_n_items (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), 0);
  return self->n_items;
}

guint
wm_review_queue_get_n_inbox_items (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), 0);
  return self->n_inbox_items;
}

gboolean
wm_review_queue_is_busy (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), FALSE);
  return self->busy > 0;
}

const char *
wm_review_queue_get_error (WmReviewQueue *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_QUEUE (self), NULL);
  return self->error;
}
