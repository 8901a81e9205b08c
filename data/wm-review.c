/* wm-review.c — the review workflow's transitions, recorded as history events
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-review.h"
#include "wm-review-private.h"
#include "wm-store-private.h"
#include "wm-util.h"

/* Content --------------------------------------------------------------------------- */

static gboolean
steps_equal (WmTutorial *a,
             WmTutorial *b)
{
  GListModel *sa = wm_tutorial_get_steps (a);
  GListModel *sb = wm_tutorial_get_steps (b);
  guint n = g_list_model_get_n_items (sa);

  if (n != g_list_model_get_n_items (sb))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      WmStep *x = wm_tutorial_get_step (a, i);
      WmStep *y = wm_tutorial_get_step (b, i);

      if (g_strcmp0 (wm_step_get_id (x), wm_step_get_id (y)) != 0 ||
          !wm_step_content_equal (x, y))
        return FALSE;
    }

  return TRUE;
}

gboolean
wm_review_content_equal (WmTutorial *a,
                         WmTutorial *b)
{
  g_return_val_if_fail (WM_IS_TUTORIAL (a), FALSE);
  g_return_val_if_fail (WM_IS_TUTORIAL (b), FALSE);

  if (g_strcmp0 (wm_tutorial_get_title (a), wm_tutorial_get_title (b)) != 0 ||
      g_strcmp0 (wm_str_or_null (wm_tutorial_get_summary (a)),
                 wm_str_or_null (wm_tutorial_get_summary (b))) != 0 ||
      wm_tutorial_get_stage (a) != wm_tutorial_get_stage (b) ||
      !g_strv_equal (wm_tutorial_get_roles (a), wm_tutorial_get_roles (b)))
    return FALSE;

  if (wm_tutorial_get_steps_loaded (a) && wm_tutorial_get_steps_loaded (b))
    return steps_equal (a, b);

  return TRUE;
}

/* Events ---------------------------------------------------------------------------- */

static gboolean
insert_step_comments (sqlite3         *db,
                      gint64           event,
                      WmHistoryEvent  *ev,
                      GError         **error)
{
  GPtrArray *comments = wm_history_event_get_step_comments (ev);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (comments->len == 0)
    return TRUE;

  stmt = wm_store_prepare (db,
    "INSERT INTO step_comments (event, step_id, position, comment) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < comments->len; i++)
    {
      WmStepComment *c = g_ptr_array_index (comments, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, event);
      wm_store_bind_text (stmt, 2, c->step_id);
      sqlite3_bind_int (stmt, 3, (int) c->position);
      wm_store_bind_text (stmt, 4, c->comment);
      if (!wm_store_step (db, stmt, WM_STORE_DOING_REVIEW, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
wm_review_insert_event (sqlite3         *db,
                        WmHistoryEvent  *ev,
                        GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int from = wm_history_event_get_from_status (ev);

  stmt = wm_store_prepare (db,
    "INSERT INTO events (tutorial_id, version, from_status, to_status, who, email, message, at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, wm_history_event_get_tutorial_id (ev));
  sqlite3_bind_int (stmt, 2, (int) wm_history_event_get_version (ev));
  wm_store_bind_text (stmt, 3, from == WM_HISTORY_NO_STATUS ? NULL : wm_status_to_string (from));
  wm_store_bind_text (stmt, 4, wm_status_to_string (wm_history_event_get_to_status (ev)));
  wm_store_bind_text (stmt, 5, wm_str_or_null (wm_history_event_get_who (ev)));
  wm_store_bind_text (stmt, 6, wm_str_or_null (wm_history_event_get_email (ev)));
  wm_store_bind_text (stmt, 7, wm_str_or_null (wm_history_event_get_message (ev)));
  sqlite3_bind_int64 (stmt, 8, wm_history_event_get_at (ev));

  if (!wm_store_step (db, stmt, WM_STORE_DOING_REVIEW, error))
    return FALSE;

  return insert_step_comments (db, sqlite3_last_insert_rowid (db), ev, error);
}

/* Records one transition of @t (as stored before it) and returns the event for pins. */
static WmHistoryEvent *
record (sqlite3           *db,
        WmTutorial        *t,
        guint              version,
        WmStatus           to,
        const WmIdentity  *who,
        const char        *message,
        GPtrArray         *pins,
        GError           **error)
{
  g_autoptr(WmHistoryEvent) ev = NULL;

  ev = wm_history_event_new (wm_tutorial_get_id (t), version, wm_tutorial_get_status (t), to,
                             who ? who->name : NULL, who ? who->email : NULL, message,
                             g_get_real_time ());
  for (guint i = 0; pins && i < pins->len; i++)
    {
      WmStepComment *c = g_ptr_array_index (pins, i);
      wm_history_event_add_step_comment (ev, c->step_id, c->position, c->comment);
    }

  if (!wm_review_insert_event (db, ev, error))
    return NULL;

  return g_steal_pointer (&ev);
}

static gboolean
set_status (sqlite3     *db,
            WmTutorial  *t,
            WmStatus     status,
            guint        version,
            guint        approved_version,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "UPDATE tutorials SET status = ?, version = ?, approved_version = ?, updated_at = ?"
    " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, wm_status_to_string (status));
  sqlite3_bind_int (stmt, 2, (int) version);
  sqlite3_bind_int (stmt, 3, (int) approved_version);
  sqlite3_bind_int64 (stmt, 4, MAX (g_get_real_time (), wm_tutorial_get_updated_at (t)));
  wm_store_bind_text (stmt, 5, wm_tutorial_get_id (t));

  return wm_store_step (db, stmt, WM_STORE_DOING_REVIEW, error);
}

/* The revision keeps the status it was last decided with, unless it is approved. */
static gboolean
set_revision_status (sqlite3     *db,
                     WmTutorial  *t,
                     WmStatus     status,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "UPDATE revisions SET status = ? WHERE tutorial_id = ? AND version = ?"
    " AND status <> 'approved'", error);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, wm_status_to_string (status));
  wm_store_bind_text (stmt, 2, wm_tutorial_get_id (t));
  sqlite3_bind_int (stmt, 3, (int) wm_tutorial_get_version (t));

  return wm_store_step (db, stmt, WM_STORE_DOING_REVIEW, error);
}

/* Transitions ----------------------------------------------------------------------- */

typedef struct {
  const char       *id;
  const WmIdentity *who;
  const char       *message;
  GPtrArray        *pins;
} Transition;

static gboolean
conflict (GError     **error,
          const char  *format,
          ...) G_GNUC_PRINTF (2, 3);

static gboolean
conflict (GError     **error,
          const char  *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (WM_STORE_ERROR, WM_STORE_ERROR_CONFLICT,
                                                format, args));
  va_end (args);

  return FALSE;
}

/* TRUE when @t may move to @to from where it is; otherwise says why, as a person reads it. */
static gboolean
check_from (WmTutorial  *t,
            WmStatus     to,
            GError     **error)
{
  const char *title = wm_tutorial_get_title (t);
  guint v = wm_tutorial_get_version (t);
  WmStatus from = wm_tutorial_get_status (t);

  if (from == WM_STATUS_APPROVED)
    return conflict (error, _("Version %u of “%s” is already approved; edit it to start "
                              "version %u"), v, title, v + 1);

  if (to == WM_STATUS_IN_REVIEW && from == WM_STATUS_IN_REVIEW)
    return conflict (error, _("“%s” is already in review"), title);

  if ((to == WM_STATUS_APPROVED || to == WM_STATUS_CHANGES_REQUESTED) &&
      from != WM_STATUS_IN_REVIEW)
    return conflict (error, from == WM_STATUS_DRAFT ?
                     _("“%s” is a draft; it must be submitted for review first") :
                     _("“%s” is waiting for its author's changes; it must be resubmitted "
                       "first"), title);

  if (to == WM_STATUS_DRAFT && from == WM_STATUS_DRAFT)
    return conflict (error, _("“%s” is a draft already"), title);

  return TRUE;
}

static gboolean
submit_txn (WmStore  *store,
            sqlite3  *db,
            gpointer  user_data,
            GError  **error)
{
  Transition *tr = user_data;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(WmRevision) rev = NULL;
  g_autoptr(WmHistoryEvent) ev = NULL;

  if (!(t = wm_store_load_tutorial (store, tr->id, FALSE, error)) ||
      !check_from (t, WM_STATUS_IN_REVIEW, error))
    return FALSE;

  if (wm_tutorial_get_n_steps (t) == 0)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("“%s” has no steps yet; record or add some before submitting it"),
                   wm_tutorial_get_title (t));
      return FALSE;
    }

  if (!set_status (db, t, WM_STATUS_IN_REVIEW, wm_tutorial_get_version (t),
                   wm_tutorial_get_approved_version (t), error))
    return FALSE;

  /* The snapshot is what the reviewer reviews, and what a later diff compares with. */
  rev = wm_store_create_revision (store, tr->id, tr->who->name, tr->message, error);
  if (rev == NULL)
    return FALSE;

  ev = record (db, t, wm_tutorial_get_version (t), WM_STATUS_IN_REVIEW, tr->who, tr->message,
               NULL, error);
  return ev != NULL;
}

static gboolean
run_transition (WmStore          *store,
                WmStoreTxnFunc    func,
                const char       *id,
                const WmIdentity *who,
                const char       *message,
                GPtrArray        *pins,
                GError          **error)
{
  Transition tr = { id, who, wm_str_or_null (message), pins };

  g_return_val_if_fail (WM_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (who != NULL, FALSE);

  if (wm_str_or_null (who->name) == NULL && wm_str_or_null (who->email) == NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Say who you are first: set your name and email in the preferences"));
      return FALSE;
    }

  return wm_store_transaction (store, func, &tr, error);
}

gboolean
wm_review_submit (WmStore          *store,
                  const char       *tutorial_id,
                  const WmIdentity *who,
                  const char       *message,
                  GError          **error)
{
  return run_transition (store, submit_txn, tutorial_id, who, message, NULL, error);
}

/* Approval -------------------------------------------------------------------------- */

static gboolean
same_person (const WmIdentity *who,
             const char       *name,
             const char       *email)
{
  if (wm_str_or_null (who->email) && wm_str_or_null (email))
    return g_ascii_strcasecmp (who->email, email) == 0;

  if (wm_str_or_null (who->name) && wm_str_or_null (name))
    return g_utf8_collate (who->name, name) == 0;

  return FALSE;
}

/* "Ada <ada@example.org>" → name and email; a bare name or bare address also works. */
void
wm_review_split_identity (const char  *text,
                          char       **name,
                          char       **email)
{
  const char *lt = text ? strrchr (text, '<') : NULL;

  *name = *email = NULL;
  if (text == NULL)
    return;

  if (lt != NULL && g_str_has_suffix (lt, ">"))
    {
      *name = g_strstrip (g_strndup (text, lt - text));
      *email = g_strndup (lt + 1, strlen (lt) - 2);
    }
  else if (strchr (text, '@') != NULL && strchr (text, ' ') == NULL)
    *email = g_strdup (text);
  else
    *name = g_strdup (text);
}

static gboolean
submitted_by (sqlite3          *db,
              WmTutorial       *t,
              const WmIdentity *who)
{
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT who, email FROM events WHERE tutorial_id = ? AND version = ?"
    " AND to_status = 'in-review'", NULL);

  if (stmt == NULL)
    return FALSE;

  wm_store_bind_text (stmt, 1, wm_tutorial_get_id (t));
  sqlite3_bind_int (stmt, 2, (int) wm_tutorial_get_version (t));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (same_person (who, (const char *) sqlite3_column_text (stmt, 0),
                     (const char *) sqlite3_column_text (stmt, 1)))
      return TRUE;

  return FALSE;
}

static gboolean
is_author (sqlite3          *db,
           WmTutorial       *t,
           const WmIdentity *who)
{
  g_autofree char *c_name = NULL, *c_email = NULL;

  wm_review_split_identity (wm_tutorial_get_contributor (t), &c_name, &c_email);

  return same_person (who, wm_tutorial_get_author (t), NULL) ||
         same_person (who, c_name, c_email) ||
         submitted_by (db, t, who);
}

static gboolean
distinct_approver_required (WmStore *store)
{
  g_autofree char *value = wm_store_get_setting (store, WM_REVIEW_DISTINCT_APPROVER);

  return value != NULL && (g_ascii_strcasecmp (value, "true") == 0 ||
                           g_ascii_strcasecmp (value, "yes") == 0 ||
                           g_strcmp0 (value, "1") == 0);
}

static gboolean
approve_txn (WmStore  *store,
             sqlite3  *db,
             gpointer  user_data,
             GError  **error)
{
  Transition *tr = user_data;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(WmRevision) rev = NULL;
  g_autoptr(WmHistoryEvent) ev = NULL;
  guint v;

  if (!(t = wm_store_load_tutorial (store, tr->id, FALSE, error)) ||
      !check_from (t, WM_STATUS_APPROVED, error))
    return FALSE;

  if (distinct_approver_required (store) && is_author (db, t, tr->who))
    return conflict (error, _("This library requires someone other than the author to "
                              "approve “%s”"), wm_tutorial_get_title (t));

  v = wm_tutorial_get_version (t);
  if (!set_status (db, t, WM_STATUS_APPROVED, v, v, error))
    return FALSE;

  /* From here this version is immutable: the store refuses to replace it. */
  rev = wm_store_create_revision (store, tr->id, tr->who->name, tr->message, error);
  if (rev == NULL)
    return FALSE;

  ev = record (db, t, v, WM_STATUS_APPROVED, tr->who, tr->message, NULL, error);
  return ev != NULL;
}

gboolean
wm_review_approve (WmStore          *store,
                   const char       *tutorial_id,
                   const WmIdentity *who,
                   const char       *comment,
                   GError          **error)
{
  return run_transition (store, approve_txn, tutorial_id, who, comment, NULL, error);
}

/* Changes requested, back to draft --------------------------------------------------- */

static gboolean
resolve_pins (WmTutorial  *t,
              GPtrArray   *pins,
              GError     **error)
{
  guint n = g_list_model_get_n_items (wm_tutorial_get_steps (t));

  for (guint i = 0; pins && i < pins->len; i++)
    {
      WmStepComment *c = g_ptr_array_index (pins, i);

      if (c->position >= n)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("“%s” has no step %u (it has %u)"), wm_tutorial_get_title (t),
                       c->position + 1, n);
          return FALSE;
        }
      if (wm_str_or_null (c->comment) == NULL)
        {
          g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                       _("The comment on step %u is empty"), c->position + 1);
          return FALSE;
        }
      g_free (c->step_id);
      c->step_id = g_strdup (wm_step_get_id (wm_tutorial_get_step (t, c->position)));
    }

  return TRUE;
}

static gboolean
request_changes_txn (WmStore  *store,
                     sqlite3  *db,
                     gpointer  user_data,
                     GError  **error)
{
  Transition *tr = user_data;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(WmHistoryEvent) ev = NULL;

  if (!(t = wm_store_load_tutorial (store, tr->id, TRUE, error)) ||
      !check_from (t, WM_STATUS_CHANGES_REQUESTED, error) ||
      !resolve_pins (t, tr->pins, error))
    return FALSE;

  if (!set_status (db, t, WM_STATUS_CHANGES_REQUESTED, wm_tutorial_get_version (t),
                   wm_tutorial_get_approved_version (t), error) ||
      !set_revision_status (db, t, WM_STATUS_CHANGES_REQUESTED, error))
    return FALSE;

  ev = record (db, t, wm_tutorial_get_version (t), WM_STATUS_CHANGES_REQUESTED, tr->who,
               tr->message, tr->pins, error);
  return ev != NULL;
}

gboolean
wm_review_request_changes (WmStore          *store,
                           const char       *tutorial_id,
                           const WmIdentity *who,
                           const char       *comment,
                           GPtrArray        *step_comments,
                           GError          **error)
{
  if (wm_str_or_null (comment) == NULL)
    {
      g_set_error (error, WM_STORE_ERROR, WM_STORE_ERROR_INVALID,
                   _("Say what should change: requesting changes needs a comment"));
      return FALSE;
    }

  return run_transition (store, request_changes_txn, tutorial_id, who, comment,
                         step_comments, error);
}

static gboolean
back_to_draft_txn (WmStore  *store,
                   sqlite3  *db,
                   gpointer  user_data,
                   GError  **error)
{
  Transition *tr = user_data;
  g_autoptr(WmTutorial) t = NULL;
  g_autoptr(WmHistoryEvent) ev = NULL;

  if (!(t = wm_store_load_tutorial (store, tr->id, FALSE, error)) ||
      !check_from (t, WM_STATUS_DRAFT, error))
    return FALSE;

  if (!set_status (db, t, WM_STATUS_DRAFT, wm_tutorial_get_version (t),
                   wm_tutorial_get_approved_version (t), error))
    return FALSE;

  ev = record (db, t, wm_tutorial_get_version (t), WM_STATUS_DRAFT, tr->who, tr->message, NULL,
               error);
  return ev != NULL;
}

gboolean
wm_review_back_to_draft (WmStore          *store,
                         const char       *tutorial_id,
                         const WmIdentity *who,
                         const char       *message,
                         GError          **error)
{
  return run_transition (store, back_to_draft_txn, tutorial_id, who, message, NULL, error);
}
