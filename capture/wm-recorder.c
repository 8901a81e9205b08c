/* wm-recorder.c — turns a backend's frames into committed tutorial steps
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-recorder"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "wm-app-names.h"
#include "wm-atspi.h"
#include "wm-capture-private.h"
#include "wm-a11y-status.h"
#include "wm-instruction.h"
#include "wm-png-encoder.h"
#include "wm-recorder.h"
#include "wm-web-browser.h"

/* Describing one step may take this long in all before we settle for less: an
 * application busy answering the press gets asked again within it, and a hung one costs
 * it once, then is left alone for a while (wm-atspi.c). Only commits wait on it. */
#define DESCRIBE_BUDGET_USEC (3 * G_USEC_PER_SEC)

/* $WAYMARK_DESCRIBE_TIMEOUT_MS replaces the budget: for machines where accessible apps are
 * slow to answer (sanitizer builds, loaded CI), so a slow answer is not taken for none. */
static gint64
describe_budget_usec (void)
{
  static gsize budget;

  if (g_once_init_enter (&budget))
    {
      const char *env = g_getenv ("WAYMARK_DESCRIBE_TIMEOUT_MS");
      guint64 ms = 0;

      if (env == NULL || !g_ascii_string_to_unsigned (env, 10, 1, 600000, &ms, NULL))
        g_once_init_leave (&budget, DESCRIBE_BUDGET_USEC);
      else
        g_once_init_leave (&budget, (gsize) ms * 1000);
    }
  return budget;
}

/* A click's application is asked only once it had this long to handle the press: GTK
 * 4.8 opens a context menu on the press of a right-click, and asked over AT-SPI in the
 * middle of it, it stopped answering for the whole budget and was then left alone as
 * hung (every time under ASan once frames reached us within a millisecond of the
 * press). Short, because a button acts on the release and may close its window. */
#define DESCRIBE_SETTLE_USEC (20 * G_TIME_SPAN_MILLISECOND)
#define WORKER_NICE 5

/* The half of the recorder that lives on the worker thread: plain data, shared by
 * reference with the recorder, never a pointer back to it except through a weak ref. */
typedef struct {
  GWeakRef      recorder;
  GMainContext *context;
  GAsyncQueue  *queue;
  WmStore      *store;
  char         *tutorial_id;
  int           queued_bytes;    /* atomic: pixels waiting for encoding */
  /* Worker-only state */
  int           actions;         /* atomic: clicks and keys handed to the worker so far */
  int           handled;         /* worker-only: how many of them it has taken */
  struct Prepared *held;
  WmAtspiTarget last_click;
  gboolean      last_was_click;  /* no key step since last_click */
  WmAtspiTarget typing;          /* where the typing begun at typing_began_at goes */
  gint64        typing_began_at;
  gboolean      hinted_accessibility;
} Worker;

typedef struct Prepared {
  WmStep  *step;
  WmImage *image;
  gint64   pressed_at;
  guint    width;
  guint    height;
} Prepared;

typedef struct {
  WmCaptureFrame *frame;   /* NULL: stop */
  int             actions; /* Worker.actions when it was queued */
} Job;

struct _WmRecorder
{
  GObject           parent_instance;

  WmStore          *store;
  char             *tutorial_id;
  WmCaptureBackend *backend;
  Worker           *worker;
  GThread          *thread;
  gulong            frame_handler;
  guint             n_steps;
  guint             running : 1;
  guint             record_keys : 1;
};

G_DEFINE_FINAL_TYPE (WmRecorder, wm_recorder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_N_STEPS,
  PROP_PAUSED,
  PROP_RUNNING,
  PROP_RECORD_KEYS,
  N_PROPS
};

enum {
  STEP_COMMITTED,
  ERROR,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Worker data -------------------------------------------------------------------- */

static void
worker_clear (Worker *w)
{
  g_weak_ref_clear (&w->recorder);
  g_clear_pointer (&w->context, g_main_context_unref);
  g_clear_pointer (&w->queue, g_async_queue_unref);
  g_clear_object (&w->store);
  g_clear_pointer (&w->tutorial_id, g_free);
  wm_atspi_target_clear (&w->last_click);
  wm_atspi_target_clear (&w->typing);
}

static Worker *
worker_ref (Worker *w)
{
  return g_atomic_rc_box_acquire (w);
}

static void
worker_unref (Worker *w)
{
  g_atomic_rc_box_release_full (w, (GDestroyNotify) worker_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Worker, worker_unref)

static void
prepared_free (Prepared *p)
{
  g_clear_object (&p->step);
  g_clear_object (&p->image);
  g_free (p);
}

static void
job_free (Job *job)
{
  g_clear_pointer (&job->frame, wm_capture_frame_free);
  g_free (job);
}

/* Results back on the recorder's main context ------------------------------------- */

typedef struct {
  Worker  *worker;
  WmStep  *step;
  GError  *error;
  gboolean finished;
} Emission;

static void
emission_free (Emission *e)
{
  g_clear_pointer (&e->worker, worker_unref);
  g_clear_object (&e->step);
  g_clear_error (&e->error);
  g_free (e);
}

static void recorder_finished (WmRecorder *self);

static gboolean
emit_on_main (gpointer data)
{
  Emission *e = data;
  g_autoptr(WmRecorder) self = g_weak_ref_get (&e->worker->recorder);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  if (e->step != NULL)
    {
      self->n_steps++;
      g_signal_emit (self, signals[STEP_COMMITTED], 0, e->step);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
    }
  if (e->error != NULL)
    g_signal_emit (self, signals[ERROR], 0, e->error);
  if (e->finished)
    recorder_finished (self);

  return G_SOURCE_REMOVE;
}

static void
post (Worker   *w,
      WmStep   *step,
      GError   *error,
      gboolean  finished)
{
  Emission *e = g_new0 (Emission, 1);

  e->worker = worker_ref (w);
  e->step = step ? g_object_ref (step) : NULL;
  e->error = error;
  e->finished = finished;
  wm_capture_run_on_context (w->context, emit_on_main, e, (GDestroyNotify) emission_free);
}

/* The worker thread ---------------------------------------------------------------- */

/* Typed secrets are wiped from memory, not only dropped: the step is ours alone now. */
static void
forget_text (WmStep *step)
{
  char *text = (char *) wm_step_get_text (step);

  if (text != NULL)
    memset (text, 0, strlen (text));
  wm_step_set_text (step, NULL);
}

static gboolean
is_click (WmStep *step)
{
  WmStepKind kind = wm_step_get_kind (step);

  return kind == WM_STEP_CLICK || kind == WM_STEP_DOUBLE_CLICK || kind == WM_STEP_RIGHT_CLICK;
}

static void
apply_target (WmStep              *step,
              const WmAtspiTarget *target)
{
  const char *app_name = target->app_name ? target->app_name : wm_step_get_app_name (step);

  wm_step_set_target (step, target->name, target->role, app_name,
                      wm_step_get_window_title (step));
  wm_step_set_container (step, target->container_name,
                         wm_target_kind_from_role (target->container_role));
}

/* Steps say "in Widget Factory", the name people know the application by, not the
 * program ("gtk4-widget-factory") or the window's class; in a browser they say the
 * page's title without the browser's ("in Invoices", not "in Firefox"). */
static void
name_application (WmStep *step)
{
  g_autofree char *page = wm_web_browser_page_title (wm_step_get_window_title (step));
  g_autofree char *known = NULL;

  if (page != NULL)
    {
      wm_step_set_target (step, wm_step_get_target_name (step), wm_step_get_target_role (step),
                          page, page);
      return;
    }
  known = wm_app_names_lookup (wm_step_get_app_name (step));
  if (known != NULL)
    wm_step_set_target (step, wm_step_get_target_name (step), wm_step_get_target_role (step),
                        known, wm_step_get_window_title (step));
}

/* Browsers and Electron apps show their widgets to AT-SPI only when accessibility is
 * switched on; without it every click in them reads "Click in …". Said once per
 * recording, and only what the application still lacks. */
static void
hint_about_accessibility (Worker              *w,
                          WmCaptureFrame      *frame,
                          const WmAtspiTarget *target)
{
  const char *app = target->app_name ? target->app_name : wm_step_get_app_name (frame->step);
  g_autofree char *hint = NULL;

  if (w->hinted_accessibility || target->identified)
    return;
  hint = wm_web_browser_accessibility_hint (app, frame->pid, target->app_name != NULL);
  if (hint == NULL)
    return;

  w->hinted_accessibility = TRUE;
  post (w, NULL, g_error_new_literal (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_UNSUPPORTED, hint),
        FALSE);
}

/* Editing shortcuts act inside the field that has the focus; every other click or key
 * may move it (Tab, Enter, Ctrl+L, a click). */
static gboolean
may_move_focus (WmCaptureFrame *frame)
{
  static const char * const editing[] = {
    "Ctrl+A", "Ctrl+C", "Ctrl+V", "Ctrl+X", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z", "Ctrl+B",
    "Ctrl+I", "Ctrl+U", NULL,
  };
  WmStepKind kind = wm_step_get_kind (frame->step);

  if (frame->typing_began || kind == WM_STEP_TYPE)
    return FALSE;
  if (kind == WM_STEP_KEY && wm_step_get_text (frame->step) != NULL)
    return !g_strv_contains (editing, wm_step_get_text (frame->step));

  return TRUE;
}

/* Typed characters are kept only for a field positively known and not secret. */
static gboolean
is_known_field (const WmAtspiTarget *target)
{
  WmTargetKind kind = wm_target_kind_from_role (target->role);

  return target->identified && !target->is_secret &&
         (kind == WM_TARGET_FIELD || kind == WM_TARGET_DROP_DOWN);
}

/* Where typed text goes is settled when its first key is pressed (the backend says so
 * with a typing_began frame, in order with the clicks): settled when the next click
 * ended the typing, the focus was already in the next field, and the text typed before
 * a click into a password field was taken for the password. Typing right after a click
 * into a field goes into that field. Otherwise the application is asked for its focus;
 * if a click or key that may move the focus came in before the answer, nothing is
 * known. */
static void
resolve_typing (Worker         *w,
                WmCaptureFrame *frame,
                int             actions)
{
  const char *title = wm_step_get_window_title (frame->step);
  WmAtspiTarget target = { 0 };
  gboolean after_click = w->last_was_click && w->handled == actions;

  w->typing_began_at = frame->pressed_at;

  if (after_click && (is_known_field (&w->last_click) || w->last_click.is_secret ||
                      w->last_click.is_password))
    {
      wm_atspi_target_copy (&w->typing, &w->last_click);
      w->typing.is_secret = w->last_click.is_secret || w->last_click.is_password;
      return;
    }

  wm_atspi_describe_focus (frame->pid, title, describe_budget_usec (), &target);
  target.is_secret = target.is_secret || target.is_password;
  if (g_atomic_int_get (&w->actions) != actions)
    target.identified = FALSE;

  wm_atspi_target_copy (&w->typing, &target);
  wm_atspi_target_clear (&target);
}

typedef enum {
  TEXT_KEEP,
  TEXT_SECRET,     /* "Type your password" */
  TEXT_UNKNOWN,    /* "Type the text", for the author */
} TextVerdict;

static TextVerdict
describe_typing (Worker         *w,
                 WmCaptureFrame *frame)
{
  WmStep *step = frame->step;

  if (frame->pressed_at != w->typing_began_at)
    return TEXT_UNKNOWN;
  if (w->typing.is_secret)
    return TEXT_SECRET;
  if (!is_known_field (&w->typing))
    return TEXT_UNKNOWN;

  apply_target (step, &w->typing);
  return TEXT_KEEP;
}

/* What was clicked, from AT-SPI at the moment of the press. */
static void
describe_click (Worker         *w,
                WmCaptureFrame *frame)
{
  WmStep *step = frame->step;
  const char *title = wm_step_get_window_title (step);
  WmAtspiTarget target = { 0 };
  gint64 settle = frame->pressed_at + DESCRIBE_SETTLE_USEC - g_get_monotonic_time ();

  if (settle > 0)
    g_usleep (settle);
  if (!wm_atspi_describe_point (frame->pid, title, wm_step_get_x (step) - frame->window_x,
                                wm_step_get_y (step) - frame->window_y,
                                describe_budget_usec (), &target))
    hint_about_accessibility (w, frame, &target);
  wm_atspi_target_copy (&w->last_click, &target);
  w->last_was_click = TRUE;

  if (target.role != NULL || target.app_name != NULL)
    apply_target (step, &target);
  wm_atspi_target_clear (&target);
}

static WmImage *
encode (WmCaptureFrame  *frame,
        GError         **error)
{
  g_autoptr(GBytes) png = NULL;

  if (frame->png != NULL)
    png = g_bytes_ref (frame->png);
  else if (frame->pixels != NULL)
    png = wm_png_encode_xrgb (g_bytes_get_data (frame->pixels, NULL), frame->width,
                              frame->height, frame->stride, error);
  else
    return NULL;

  return png ? wm_image_new_from_png (png, error) : NULL;
}

static void
release_pixels (Worker         *w,
                WmCaptureFrame *frame)
{
  if (frame->pixels != NULL)
    g_atomic_int_add (&w->queued_bytes, - (int) g_bytes_get_size (frame->pixels));
}

static Prepared *
prepare (Worker         *w,
         WmCaptureFrame *frame)
{
  Prepared *p = g_new0 (Prepared, 1);
  g_autoptr(GError) error = NULL;
  const char *instruction;
  TextVerdict verdict = TEXT_KEEP;

  p->step = g_object_ref (frame->step);
  p->pressed_at = frame->pressed_at;
  p->width = frame->width;
  p->height = frame->height;

  if (is_click (p->step))
    describe_click (w, frame);
  else if (wm_step_get_kind (p->step) == WM_STEP_TYPE)
    verdict = describe_typing (w, frame);
  else if (wm_step_get_kind (p->step) == WM_STEP_KEY)
    w->last_was_click = FALSE;

  if (verdict != TEXT_KEEP)
    forget_text (p->step);
  name_application (p->step);
  wm_instruction_update (p->step, verdict == TEXT_SECRET);
  instruction = wm_step_get_instruction (p->step);

  p->image = encode (frame, &error);
  release_pixels (w, frame);
  if (error != NULL)
    post (w, NULL, g_error_new (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                                _("Step %s was kept without its screenshot: %s"),
                                instruction ? instruction : "", error->message), FALSE);

  return p;
}

static void
commit (Worker   *w,
        Prepared *p)
{
  g_autoptr(GError) error = NULL;

  if (wm_store_append_step (w->store, w->tutorial_id, p->step, p->image, &error))
    post (w, p->step, NULL, FALSE);
  else
    post (w, NULL, g_error_new (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                                _("A step could not be saved: %s"), error->message), FALSE);

  prepared_free (p);
}

static void
commit_held (Worker *w)
{
  if (w->held != NULL)
    commit (w, g_steal_pointer (&w->held));
}

/* A second press of the same button, soon and close by, turns the held click into a
 * double-click; its own screenshot (the screen after the first click) is not needed. */
static gboolean
merge_double_click (Worker         *w,
                    WmCaptureFrame *frame)
{
  WmStep *held = w->held->step;
  WmStep *step = frame->step;

  if (wm_step_get_kind (step) != WM_STEP_CLICK || wm_step_get_kind (held) != WM_STEP_CLICK ||
      wm_step_get_button (step) != wm_step_get_button (held) ||
      frame->pressed_at - w->held->pressed_at > WM_RECORDER_DOUBLE_CLICK_USEC ||
      ABS (wm_step_get_x (step) - wm_step_get_x (held)) > WM_RECORDER_DOUBLE_CLICK_DISTANCE ||
      ABS (wm_step_get_y (step) - wm_step_get_y (held)) > WM_RECORDER_DOUBLE_CLICK_DISTANCE)
    return FALSE;

  wm_step_set_kind (held, WM_STEP_DOUBLE_CLICK);
  wm_instruction_update (held, FALSE);
  release_pixels (w, frame);

  return TRUE;
}

/* Only a left click may become a double-click, so only it waits for the next press. */
static Job *
next_job (Worker *w)
{
  gint64 wait;

  if (w->held == NULL)
    return g_async_queue_pop (w->queue);

  wait = w->held->pressed_at + WM_RECORDER_DOUBLE_CLICK_USEC - g_get_monotonic_time ();
  if (wait <= 0)
    return g_async_queue_try_pop (w->queue);

  return g_async_queue_timeout_pop (w->queue, wait);
}

static void
handle_frame (Worker         *w,
              Job            *job)
{
  WmCaptureFrame *frame = job->frame;
  Prepared *p;

  if (frame->typing_began)
    {
      resolve_typing (w, frame, job->actions);
      return;
    }
  if (may_move_focus (frame))
    w->handled++;

  if (w->held != NULL && merge_double_click (w, frame))
    {
      commit_held (w);
      return;
    }

  commit_held (w);
  p = prepare (w, frame);
  if (wm_step_get_kind (p->step) == WM_STEP_CLICK && wm_step_get_button (p->step) == 1)
    w->held = p;
  else
    commit (w, p);
}

static gpointer
worker_main (gpointer data)
{
  g_autoptr(Worker) w = data;
  g_autoptr(GError) error = NULL;

#ifdef __linux__
  /* On Linux a thread has its own nice value: encoding gives way to the capture thread
   * and the UI when the machine is busy, so the press is still framed on time. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE);
#endif

  /* Firefox and Chromium expose their trees only while it is on; applications started
   * already notice the change too. Put back as it was when the recording ends. */
  wm_a11y_status_hold ();
  if (!wm_atspi_init (&error))
    post (w, NULL, g_steal_pointer (&error), FALSE);

  for (;;)
    {
      Job *job = next_job (w);

      if (job == NULL)
        {
          commit_held (w);
          continue;
        }
      if (job->frame == NULL)
        {
          job_free (job);
          break;
        }

      handle_frame (w, job);
      job_free (job);
    }

  commit_held (w);
  wm_a11y_status_release ();
  post (w, NULL, NULL, TRUE);

  return NULL;
}

/* The recorder, on its main context ------------------------------------------------ */

static gboolean
is_key (WmStep *step)
{
  WmStepKind kind = wm_step_get_kind (step);

  return kind == WM_STEP_TYPE || kind == WM_STEP_KEY;
}

static void
on_frame (WmCaptureBackend *backend,
          WmCaptureFrame   *frame,
          WmRecorder       *self)
{
  Worker *w = self->worker;
  Job *job;

  /* Typing and shortcuts switched off: nothing of them reaches the worker or the library. */
  if (!self->record_keys && is_key (frame->step))
    return;

  job = g_new0 (Job, 1);

  /* Counted here, in the order frames arrive, so the worker can tell whether a click or
   * key that may move the focus came after typing began, before it asked where the
   * typing goes. */
  if (may_move_focus (frame))
    g_atomic_int_inc (&w->actions);
  job->actions = g_atomic_int_get (&w->actions);

  job->frame = g_memdup2 (frame, sizeof *frame);
  job->frame->step = g_object_ref (frame->step);
  job->frame->png = frame->png ? g_bytes_ref (frame->png) : NULL;
  job->frame->pixels = frame->pixels ? g_bytes_ref (frame->pixels) : NULL;

  /* Bounded memory, and never a click lost: past the limit a step goes on without its
   * screenshot, and the person is told. */
  if (job->frame->pixels != NULL &&
      (gsize) g_atomic_int_get (&w->queued_bytes) + g_bytes_get_size (job->frame->pixels) >
      WM_RECORDER_MAX_QUEUED_BYTES)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&job->frame->pixels, g_bytes_unref);
      error = g_error_new (WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                           _("Recording is ahead of saving: a step was kept without its "
                             "screenshot"));
      g_signal_emit (self, signals[ERROR], 0, error);
    }
  if (job->frame->pixels != NULL)
    g_atomic_int_add (&w->queued_bytes, (int) g_bytes_get_size (job->frame->pixels));

  g_async_queue_push (w->queue, job);
}

static void
stop_worker (WmRecorder *self,
             gboolean    wait)
{
  Job *job;

  if (self->thread == NULL)
    return;

  job = g_new0 (Job, 1);
  g_async_queue_push (self->worker->queue, job);
  if (wait)
    g_clear_pointer (&self->thread, g_thread_join);
}

static void
recorder_finished (WmRecorder *self)
{
  g_clear_pointer (&self->thread, g_thread_join);
  if (!self->running)
    return;

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
wm_recorder_dispose (GObject *object)
{
  WmRecorder *self = WM_RECORDER (object);

  if (self->frame_handler != 0)
    {
      wm_capture_backend_stop (self->backend);
      g_clear_signal_handler (&self->frame_handler, self->backend);
    }
  /* Dropping a recording recorder still commits what it has taken. */
  stop_worker (self, TRUE);
  g_clear_object (&self->backend);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (wm_recorder_parent_class)->dispose (object);
}

static void
wm_recorder_finalize (GObject *object)
{
  WmRecorder *self = WM_RECORDER (object);

  g_clear_pointer (&self->worker, worker_unref);
  g_clear_pointer (&self->tutorial_id, g_free);

  G_OBJECT_CLASS (wm_recorder_parent_class)->finalize (object);
}

static void
wm_recorder_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WmRecorder *self = WM_RECORDER (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_N_STEPS:
      g_value_set_uint (value, self->n_steps);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, wm_recorder_get_paused (self));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_RECORD_KEYS:
      g_value_set_boolean (value, self->record_keys);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_recorder_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WmRecorder *self = WM_RECORDER (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      if (g_value_get_boolean (value))
        wm_recorder_pause (self);
      else
        wm_recorder_resume (self);
      break;

    case PROP_RECORD_KEYS:
      wm_recorder_set_record_keys (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wm_recorder_class_init (WmRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wm_recorder_dispose;
  object_class->finalize = wm_recorder_finalize;
  object_class->get_property = wm_recorder_get_property;
  object_class->set_property = wm_recorder_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         WM_TYPE_CAPTURE_BACKEND,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Whether text typed and key combinations pressed become steps (a GSettings switch, and
   * `waymark record --no-keys`). Clicks are recorded either way. */
  properties[PROP_RECORD_KEYS] =
    g_param_spec_boolean ("record-keys", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A step is in the library: it survives a crash from now on. */
  signals[STEP_COMMITTED] =
    g_signal_new ("step-committed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, WM_TYPE_STEP);

  /* Something the person should know; recording goes on. */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /* After stop(): every step taken is committed. */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
wm_recorder_init (WmRecorder *self)
{
  self->record_keys = TRUE;
}

WmRecorder *
wm_recorder_new (WmStore          *store,
                 const char       *tutorial_id,
                 WmCaptureBackend *backend)
{
  WmRecorder *self;

  g_return_val_if_fail (WM_IS_STORE (store), NULL);
  g_return_val_if_fail (tutorial_id != NULL, NULL);
  g_return_val_if_fail (WM_IS_CAPTURE_BACKEND (backend), NULL);

  self = g_object_new (WM_TYPE_RECORDER, NULL);
  self->store = g_object_ref (store);
  self->tutorial_id = g_strdup (tutorial_id);
  self->backend = g_object_ref (backend);

  return self;
}

gboolean
wm_recorder_get_record_keys (WmRecorder *self)
{
  g_return_val_if_fail (WM_IS_RECORDER (self), FALSE);

  return self->record_keys;
}

void
wm_recorder_set_record_keys (WmRecorder *self,
                             gboolean    record_keys)
{
  g_return_if_fail (WM_IS_RECORDER (self));

  record_keys = !!record_keys;
  if (self->record_keys == (guint) record_keys)
    return;
  self->record_keys = record_keys;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_KEYS]);
}

WmCaptureBackend *
wm_recorder_get_backend (WmRecorder *self)
{
  g_return_val_if_fail (WM_IS_RECORDER (self), NULL);

  return self->backend;
}

const char *
wm_recorder_get_tutorial_id (WmRecorder *self)
{
  g_return_val_if_fail (WM_IS_RECORDER (self), NULL);

  return self->tutorial_id;
}

guint
wm_recorder_get_n_steps (WmRecorder *self)
{
  g_return_val_if_fail (WM_IS_RECORDER (self), 0);

  return self->n_steps;
}

gboolean
wm_recorder_get_paused (WmRecorder *self)
{
  g_return_val_if_fail (WM_IS_RECORDER (self), FALSE);

  return wm_capture_backend_get_paused (self->backend);
}

gboolean
wm_recorder_get_running (WmRecorder *self)
{
  g_return_val_if_fail (WM_IS_RECORDER (self), FALSE);

  return self->running;
}

static Worker *
worker_new (WmRecorder *self,
            WmStore    *store)
{
  Worker *w = g_atomic_rc_box_new0 (Worker);

  g_weak_ref_init (&w->recorder, self);
  w->context = g_main_context_ref_thread_default ();
  w->queue = g_async_queue_new_full ((GDestroyNotify) job_free);
  w->store = store;
  w->tutorial_id = g_strdup (self->tutorial_id);

  return w;
}

gboolean
wm_recorder_start (WmRecorder  *self,
                   GError     **error)
{
  g_autoptr(WmStore) store = NULL;
  g_autoptr(WmTutorial) tutorial = NULL;

  g_return_val_if_fail (WM_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  /* The worker's own connection: commits never wait on the UI's, and a missing tutorial
   * is found now, not at the first click. */
  if (!(store = wm_store_open (wm_store_get_path (self->store), error)) ||
      !(tutorial = wm_store_load_tutorial (store, self->tutorial_id, FALSE, error)))
    return FALSE;

  g_clear_pointer (&self->worker, worker_unref);
  self->worker = worker_new (self, g_steal_pointer (&store));
  self->frame_handler = g_signal_connect (self->backend, "frame", G_CALLBACK (on_frame), self);

  if (!wm_capture_backend_start (self->backend, error))
    {
      g_clear_signal_handler (&self->frame_handler, self->backend);
      return FALSE;
    }

  self->thread = g_thread_new ("wm-recorder", worker_main, worker_ref (self->worker));
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return TRUE;
}

void
wm_recorder_stop (WmRecorder *self)
{
  g_return_if_fail (WM_IS_RECORDER (self));

  if (self->frame_handler == 0)
    return;

  /* The backend hands over what it still holds (typing in progress) while stopping. */
  wm_capture_backend_stop (self->backend);
  g_clear_signal_handler (&self->frame_handler, self->backend);
  stop_worker (self, FALSE);
}

void
wm_recorder_pause (WmRecorder *self)
{
  g_return_if_fail (WM_IS_RECORDER (self));

  if (wm_capture_backend_get_paused (self->backend))
    return;

  wm_capture_backend_set_paused (self->backend, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

void
wm_recorder_resume (WmRecorder *self)
{
  g_return_if_fail (WM_IS_RECORDER (self));

  if (!wm_capture_backend_get_paused (self->backend))
    return;

  wm_capture_backend_set_paused (self->backend, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

static void
capture_step_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (wm_capture_backend_capture_step_finish (WM_CAPTURE_BACKEND (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
wm_recorder_capture_step_async (WmRecorder          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WM_IS_RECORDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wm_recorder_capture_step_async);

  if (!self->running)
    {
      g_task_return_new_error (task, WM_CAPTURE_ERROR, WM_CAPTURE_ERROR_FAILED,
                               _("Start recording before capturing a step"));
      return;
    }

  wm_capture_backend_capture_step_async (self->backend, cancellable, capture_step_cb,
                                         g_steal_pointer (&task));
}

gboolean
wm_recorder_capture_step_finish (WmRecorder    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (WM_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
