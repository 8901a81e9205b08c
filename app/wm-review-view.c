/* wm-review-view.c — one tutorial's review: for the reviewer its steps with comment pins and
 * the decision; for the author what the reviewer said, pinned to the steps, and the submit
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-review-view"

#include "config.h"

#include <glib/gi18n.h>

#include "wm-bundle.h"
#include "wm-instruction-label.h"
#include "wm-review-view.h"
#include "wm-review.h"
#include "wm-thumbnailer.h"

#define THUMB_WIDTH 240
#define THUMB_HEIGHT (THUMB_WIDTH * 9 / 16)

struct _WmReviewView
{
  AdwBin      parent_instance;
  WmStore    *store;
  WmThumbnailer *thumbnailer;  /* the steps' pictures, decoded at the size shown */
  GCancellable *cancellable;   /* the shown tutorial's decodes */
  char       *tutorial_id;
  char       *reviewer_name;
  char       *reviewer_email;
  char       *error;
  char       *shared_library;
  guint       sending;         /* bundles being sent to the shared library */
  WmStatus    status;
  GPtrArray  *pin_entries;     /* GtkEntry per step, index = position */
  GPtrArray  *pin_feedback;    /* GtkLabel per step: the reviewer's last comments on it */

  GtkLabel   *title;
  GtkLabel   *subtitle;
  GtkWidget  *feedback_box;
  GtkLabel   *feedback;
  GtkListBox *steps;
  GtkLabel   *error_label;
  GtkEntry   *comment;
  GtkWidget  *edit_button;
  GtkWidget  *submit_button;
  GtkWidget  *request_changes_button;
  GtkWidget  *approve_button;
};

G_DEFINE_FINAL_TYPE (WmReviewView, wm_review_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TUTORIAL_ID,
  PROP_SHARED_LIBRARY,
  PROP_BUSY,
  N_PROPS
};

enum {
  DECIDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_error (WmReviewView *self,
            const char   *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Steps ----------------------------------------------------------------------------- */

static void
thumbnail_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkTexture) texture = NULL;

  texture = wm_thumbnailer_load_finish (WM_THUMBNAILER (source), result, NULL);
  if (texture != NULL)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/* The picture comes later: decoding a screenshot is a worker's job, never the main
 * thread's, however many steps the tutorial has. */
static GtkWidget *
make_thumbnail (WmReviewView *self,
                WmStep       *step)
{
  const char *sha = wm_step_get_image_sha256 (step);
  GtkWidget *picture = gtk_picture_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_widget_add_css_class (picture, "card");
  if (sha != NULL && self->thumbnailer != NULL)
    wm_thumbnailer_load_async (self->thumbnailer, sha, self->cancellable, thumbnail_loaded,
                               g_object_ref (picture));

  return picture;
}

static GtkWidget *
make_text (WmStep    *step,
           GtkWidget *feedback,
           GtkWidget *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  wm_instruction_label_set (GTK_LABEL (label), step, _("(no instruction)"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (wm_step_get_notes (step))
    {
      GtkWidget *notes = gtk_label_new (wm_step_get_notes (step));

      gtk_label_set_wrap (GTK_LABEL (notes), TRUE);
      gtk_label_set_xalign (GTK_LABEL (notes), 0);
      gtk_widget_add_css_class (notes, "dim-label");
      gtk_box_append (GTK_BOX (box), notes);
    }

  gtk_box_append (GTK_BOX (box), feedback);
  gtk_box_append (GTK_BOX (box), entry);
  return box;
}

static GtkWidget *
make_step_row (WmReviewView *self,
               WmStep       *step,
               guint         position)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *number = g_strdup_printf ("%u", position + 1);
  GtkWidget *pin = gtk_button_new_from_icon_name ("mail-mark-important-symbolic");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *feedback = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Comment on this step"));
  gtk_widget_set_visible (entry, FALSE);
  g_ptr_array_add (self->pin_entries, entry);

  /* The reviewer's words are people's text: plain, never markup. */
  gtk_label_set_wrap (GTK_LABEL (feedback), TRUE);
  gtk_label_set_xalign (GTK_LABEL (feedback), 0);
  gtk_label_set_selectable (GTK_LABEL (feedback), TRUE);
  gtk_widget_add_css_class (feedback, "warning");
  gtk_widget_set_visible (feedback, FALSE);
  g_ptr_array_add (self->pin_feedback, feedback);

  gtk_widget_set_tooltip_text (pin, _("Comment on this step"));
  gtk_widget_set_valign (pin, GTK_ALIGN_START);
  gtk_widget_add_css_class (pin, "flat");
  gtk_widget_set_visible (pin, self->status == WM_STATUS_IN_REVIEW);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pin), "review.pin");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (pin), "u", position);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), gtk_label_new (number));
  gtk_box_append (GTK_BOX (box), make_thumbnail (self, step));
  gtk_box_append (GTK_BOX (box), make_text (step, feedback, entry));
  gtk_box_append (GTK_BOX (box), pin);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* Who reviews and who submits is the same kind of person: whoever the preferences name. */
static gboolean
is_author_side (WmStatus status)
{
  return status == WM_STATUS_DRAFT || status == WM_STATUS_CHANGES_REQUESTED;
}

/* The bar offers what can be done now: decide (in review), submit (a draft or changes
 * requested), edit (anything but a tutorial in review). */
static void
set_mode (WmReviewView *self,
          gboolean      loaded)
{
  gboolean deciding = loaded && self->status == WM_STATUS_IN_REVIEW;
  gboolean submitting = loaded && is_author_side (self->status);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve", deciding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.request-changes", deciding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.pin", deciding);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.submit", submitting);
  gtk_widget_set_visible (self->approve_button, !submitting);
  gtk_widget_set_visible (self->request_changes_button, !submitting);
  gtk_widget_set_visible (self->submit_button, submitting);
  gtk_widget_set_visible (self->edit_button, loaded && !deciding);
  gtk_widget_set_visible (GTK_WIDGET (self->comment), deciding || submitting || !loaded);
  gtk_entry_set_placeholder_text (self->comment,
                                  submitting ? _("Message for the reviewer (optional)")
                                             : _("Overall comment (required to request "
                                                 "changes)"));
  /* Edit opens the editor (the window's action) on this tutorial. */
  if (loaded)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s",
                                      self->tutorial_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button),
                                  loaded ? "win.open-tutorial" : NULL);
}

/* "Bob <bob@example.org> requested changes: “Nearly there”" */
static char *
describe_event (WmHistoryEvent *ev)
{
  g_autofree char *who = wm_history_event_dup_identity (ev);
  const char *message = wm_history_event_get_message (ev);

  if (message == NULL || *message == '\0')
    return g_strdup_printf ("%s %s", who ? who : _("Someone"), wm_history_event_get_action (ev));

  return g_strdup_printf (_("%s %s: “%s”"), who ? who : _("Someone"),
                          wm_history_event_get_action (ev), message);
}

/* The step a pin meant, by its id (it may have moved since), else by its position. */
static int
pin_position (WmTutorial          *t,
              const WmStepComment *c)
{
  guint n = wm_tutorial_get_n_steps (t);

  for (guint i = 0; c->step_id != NULL && i < n; i++)
    if (g_strcmp0 (wm_step_get_id (wm_tutorial_get_step (t, i)), c->step_id) == 0)
      return i;

  return c->position < n ? (int) c->position : -1;
}

static void
show_pins (WmReviewView   *self,
           WmTutorial     *t,
           WmHistoryEvent *changes)
{
  GPtrArray *pins = wm_history_event_get_step_comments (changes);
  g_autofree char *who = wm_history_event_dup_identity (changes);

  for (guint i = 0; i < pins->len; i++)
    {
      const WmStepComment *c = g_ptr_array_index (pins, i);
      int position = pin_position (t, c);
      GtkLabel *label;
      g_autofree char *text = NULL;

      if (position < 0)
        continue;

      label = g_ptr_array_index (self->pin_feedback, position);
      text = g_strdup_printf (_("%s: “%s”"), who ? who : _("Reviewer"), c->comment);
      if (gtk_widget_get_visible (GTK_WIDGET (label)))
        text = g_strconcat (gtk_label_get_text (label), "\n", text, NULL);
      gtk_label_set_text (label, text);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
    }
}

/* What the people before said: the submit message for the reviewer, the requested changes
 * (until an approval makes them history) for the author, pinned to the steps they meant. */
static void
show_history (WmReviewView *self,
              WmTutorial   *t)
{
  g_autoptr(GPtrArray) events = wm_review_list_history (self->store, self->tutorial_id, NULL);
  WmHistoryEvent *submitted = NULL, *changes = NULL, *shown;
  g_autofree char *text = NULL;

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      WmHistoryEvent *ev = g_ptr_array_index (events, i);

      switch (wm_history_event_get_to_status (ev))
        {
        case WM_STATUS_IN_REVIEW: submitted = ev; break;
        case WM_STATUS_CHANGES_REQUESTED: changes = ev; break;
        case WM_STATUS_APPROVED: changes = NULL; break;
        case WM_STATUS_DRAFT:
        default: break;
        }
    }

  if (changes != NULL)
    show_pins (self, t, changes);

  shown = is_author_side (self->status) ? changes
        : self->status == WM_STATUS_IN_REVIEW ? submitted : NULL;
  if (shown == NULL)
    return;

  text = describe_event (shown);
  gtk_label_set_text (self->feedback, text);
  gtk_widget_set_visible (self->feedback_box, TRUE);
}

static void
show_tutorial (WmReviewView *self,
               WmTutorial   *t)
{
  const char *from = wm_tutorial_get_contributor (t) ? wm_tutorial_get_contributor (t)
                                                     : wm_tutorial_get_author (t);
  g_autofree char *subtitle = g_strdup_printf (_("%s · version %u · by %s"),
                                               wm_status_get_title (wm_tutorial_get_status (t)),
                                               wm_tutorial_get_version (t),
                                               from && *from ? from : _("someone"));

  self->status = wm_tutorial_get_status (t);
  gtk_label_set_text (self->title, wm_tutorial_get_title (t));
  gtk_label_set_text (self->subtitle, subtitle);

  for (guint i = 0; i < g_list_model_get_n_items (wm_tutorial_get_steps (t)); i++)
    gtk_list_box_append (self->steps, make_step_row (self, wm_tutorial_get_step (t, i), i));

  show_history (self, t);
  set_mode (self, TRUE);
}

static void
reload (WmReviewView *self)
{
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps))) != NULL)
    gtk_list_box_remove (self->steps, child);
  g_ptr_array_set_size (self->pin_entries, 0);
  g_ptr_array_set_size (self->pin_feedback, 0);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->comment), "");
  gtk_widget_set_visible (self->feedback_box, FALSE);
  set_mode (self, FALSE);
  show_error (self, NULL);

  if (self->store == NULL || self->tutorial_id == NULL)
    return;

  if (!(t = wm_store_load_tutorial (self->store, self->tutorial_id, TRUE, &error)))
    show_error (self, error->message);
  else
    show_tutorial (self, t);
}

/* Actions --------------------------------------------------------------------------- */

static WmIdentity
reviewer (WmReviewView *self)
{
  WmIdentity who = { self->reviewer_name, self->reviewer_email };

  if (who.name == NULL && who.email == NULL)
    who.name = g_get_real_name ();

  return who;
}

static const char *
comment_text (WmReviewView *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->comment));
}

static void
decided (WmReviewView *self,
         gboolean      ok,
         GError       *error)
{
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  reload (self);
  g_signal_emit (self, signals[DECIDED], 0);
}

static void
approve_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  WmReviewView *self = WM_REVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  WmIdentity who = reviewer (self);
  gboolean ok;

  ok = wm_review_approve (self->store, self->tutorial_id, &who, comment_text (self), &error);
  decided (self, ok, error);
}

static GPtrArray *
collect_pins (WmReviewView *self)
{
  GPtrArray *pins = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_step_comment_free);

  for (guint i = 0; i < self->pin_entries->len; i++)
    {
      const char *text = gtk_editable_get_text (g_ptr_array_index (self->pin_entries, i));

      if (text != NULL && *text != '\0')
        g_ptr_array_add (pins, wm_step_comment_new (NULL, i, text));
    }

  return pins;
}

static void
request_changes_action (GtkWidget  *widget,
                        const char *action,
                        GVariant   *param)
{
  WmReviewView *self = WM_REVIEW_VIEW (widget);
  g_autoptr(GPtrArray) pins = collect_pins (self);
  g_autoptr(GError) error = NULL;
  WmIdentity who = reviewer (self);
  gboolean ok;

  ok = wm_review_request_changes (self->store, self->tutorial_id, &who, comment_text (self),
                                  pins, &error);
  decided (self, ok, error);
}

/* Sending to the shared library ------------------------------------------------------ */

/* Plain data for the worker, which opens its own connection to the library. */
typedef struct {
  char    *library;
  char    *tutorial_id;
  GFile   *location;
  char    *name;
  char    *email;
  char    *message;
} Send;

static void
send_free (Send *send)
{
  g_free (send->library);
  g_clear_object (&send->location);
  g_free (send->tutorial_id);
  g_free (send->name);
  g_free (send->email);
  g_free (send->message);
  g_free (send);
}

static void
send_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Send *send = task_data;
  WmIdentity who = { send->name, send->email };
  g_autoptr(WmStore) store = NULL;
  GError *error = NULL;
  GFile *sent = NULL;

  if ((store = wm_store_open (send->library, &error)) != NULL)
    sent = wm_bundle_send (store, send->tutorial_id, send->location, &who, send->message,
                           &error);

  if (sent == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sent, g_object_unref);
}

static void
send_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WmReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sent = g_task_propagate_pointer (G_TASK (result), &error);

  self->sending--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (sent == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Submitted here, but the bundle could not "
                                                    "be sent to the shared library: %s"),
                                                  error->message);
      show_error (self, message);
    }
}

/* The bundle is written off the main thread: a long tutorial is tens of megabytes, and the
 * shared library may be across the network. */
static void
send_to_shared_library (WmReviewView     *self,
                        const WmIdentity *who,
                        const char       *message)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, send_done, g_object_ref (self));
  Send *send = g_new0 (Send, 1);

  send->library = g_strdup (wm_store_get_path (self->store));
  send->tutorial_id = g_strdup (self->tutorial_id);
  send->location = g_file_new_for_commandline_arg (self->shared_library);
  send->name = g_strdup (who->name);
  send->email = g_strdup (who->email);
  send->message = g_strdup (message);
  g_task_set_source_tag (task, send_to_shared_library);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);
  self->sending++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_task_run_in_thread (task, send_thread);
}

static void
submit_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  WmReviewView *self = WM_REVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  WmIdentity who = reviewer (self);
  const char *message = comment_text (self);
  g_autofree char *sent_message = g_strdup (*message ? message : NULL);
  gboolean ok;

  ok = wm_review_submit (self->store, self->tutorial_id, &who, sent_message, &error);
  decided (self, ok, error);
  if (ok && self->shared_library != NULL)
    send_to_shared_library (self, &who, sent_message);
}

static void
pin_action (GtkWidget  *widget,
            const char *action,
            GVariant   *param)
{
  WmReviewView *self = WM_REVIEW_VIEW (widget);
  guint position = g_variant_get_uint32 (param);
  GtkWidget *entry;

  if (position >= self->pin_entries->len)
    return;

  entry = g_ptr_array_index (self->pin_entries, position);
  gtk_widget_set_visible (entry, TRUE);
  gtk_widget_grab_focus (entry);
}

/* GObject --------------------------------------------------------------------------- */

static void
wm_review_view_dispose (GObject *object)
{
  WmReviewView *self = WM_REVIEW_VIEW (object);

  g_clear_pointer (&self->pin_entries, g_ptr_array_unref);
  g_clear_pointer (&self->pin_feedback, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_review_view_parent_class)->dispose (object);
}

static void
wm_review_view_finalize (GObject *object)
{
  WmReviewView *self = WM_REVIEW_VIEW (object);

  g_free (self->tutorial_id);
  g_free (self->reviewer_name);
  g_free (self->reviewer_email);
  g_free (self->error);
  g_free (self->shared_library);

  G_OBJECT_CLASS (wm_review_view_parent_class)->finalize (object);
}

static void
wm_review_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WmReviewView *self = WM_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_TUTORIAL_ID: g_value_set_string (value, self->tutorial_id); break;
    case PROP_SHARED_LIBRARY: g_value_set_string (value, self->shared_library); break;
    case PROP_BUSY: g_value_set_boolean (value, self->sending > 0); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_review_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WmReviewView *self = WM_REVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE: wm_review_view_set_store (self, g_value_get_object (value)); break;
    case PROP_TUTORIAL_ID: wm_review_view_set_tutorial_id (self, g_value_get_string (value)); break;
    case PROP_SHARED_LIBRARY:
      wm_review_view_set_shared_library (self, g_value_get_string (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_review_view_class_init (WmReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = wm_review_view_dispose;
  object_class->finalize = wm_review_view_finalize;
  object_class->get_property = wm_review_view_get_property;
  object_class->set_property = wm_review_view_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, WM_TYPE_STORE, flags);
  properties[PROP_TUTORIAL_ID] = g_param_spec_string ("tutorial-id", NULL, NULL, NULL, flags);
  properties[PROP_SHARED_LIBRARY] = g_param_spec_string ("shared-library", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Referenced so that the static library's resource (and its registration) is linked. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/waymark/Waymark/ui/wm-review-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, title);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, subtitle);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, steps);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, error_label);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, comment);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, feedback_box);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, feedback);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, submit_button);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, request_changes_button);
  gtk_widget_class_bind_template_child (widget_class, WmReviewView, approve_button);

  gtk_widget_class_install_action (widget_class, "review.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "review.request-changes", NULL,
                                   request_changes_action);
  gtk_widget_class_install_action (widget_class, "review.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "review.pin", "u", pin_action);
}

static void
wm_review_view_init (WmReviewView *self)
{
  self->pin_entries = g_ptr_array_new ();
  self->pin_feedback = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  set_mode (self, FALSE);
}

GtkWidget *
wm_review_view_new (WmStore *store)
{
  return g_object_new (WM_TYPE_REVIEW_VIEW, "store", store, NULL);
}

void
wm_review_view_set_store (WmReviewView *self,
                          WmStore      *store)
{
  g_return_if_fail (WM_IS_REVIEW_VIEW (self));

  if (g_set_object (&self->store, store))
    {
      g_clear_object (&self->thumbnailer);
      if (store != NULL)
        self->thumbnailer = wm_thumbnailer_new (store, THUMB_WIDTH, THUMB_HEIGHT, 128);
      reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

void
wm_review_view_set_tutorial_id (WmReviewView *self,
                                const char   *tutorial_id)
{
  g_return_if_fail (WM_IS_REVIEW_VIEW (self));

  g_free (self->tutorial_id);
  self->tutorial_id = g_strdup (tutorial_id);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TUTORIAL_ID]);
}

const char *
wm_review_view_get_tutorial_id (WmReviewView *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_VIEW (self), NULL);
  return self->tutorial_id;
}

void
wm_review_view_set_reviewer (WmReviewView *self,
                             const char   *name,
                             const char   *email)
{
  g_return_if_fail (WM_IS_REVIEW_VIEW (self));

  g_free (self->reviewer_name);
  g_free (self->reviewer_email);
  self->reviewer_name = g_strdup (name && *name ? name : NULL);
  self->reviewer_email = g_strdup (email && *email ? email : NULL);
}

void
wm_review_view_set_comment (WmReviewView *self,
                            const char   *comment)
{
  g_return_if_fail (WM_IS_REVIEW_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->comment), comment ? comment : "");
}

void
wm_review_view_set_step_comment (WmReviewView *self,
                                 guint         position,
                                 const char   *comment)
{
  g_return_if_fail (WM_IS_REVIEW_VIEW (self));
  g_return_if_fail (position < self->pin_entries->len);

  gtk_widget_activate_action (GTK_WIDGET (self), "review.pin", "u", position);
  gtk_editable_set_text (g_ptr_array_index (self->pin_entries, position), comment ? comment : "");
}

const char *
wm_review_view_get_error (WmReviewView *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_VIEW (self), NULL);
  return self->error;
}

/* The text the view shows above the steps (the submit message for a reviewer, the requested
 * changes for the author), or NULL when it shows none. */
const char *
wm_review_view_get_feedback (WmReviewView *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_VIEW (self), NULL);

  return gtk_widget_get_visible (self->feedback_box) ? gtk_label_get_text (self->feedback) : NULL;
}

const char *
wm_review_view_get_step_feedback (WmReviewView *self,
                                  guint         position)
{
  GtkWidget *label;

  g_return_val_if_fail (WM_IS_REVIEW_VIEW (self), NULL);
  g_return_val_if_fail (position < self->pin_feedback->len, NULL);

  label = g_ptr_array_index (self->pin_feedback, position);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

void
wm_review_view_set_shared_library (WmReviewView *self,
                                   const char   *location)
{
  g_return_if_fail (WM_IS_REVIEW_VIEW (self));

  if (location != NULL && *location == '\0')
    location = NULL;
  if (g_strcmp0 (self->shared_library, location) == 0)
    return;

  g_free (self->shared_library);
  self->shared_library = g_strdup (location);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARED_LIBRARY]);
}

gboolean
wm_review_view_is_busy (WmReviewView *self)
{
  g_return_val_if_fail (WM_IS_REVIEW_VIEW (self), FALSE);
  return self->sending > 0;
}
