/* wm-store-signals.c — adoption signals in the library: kept once each, summed per version
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wm-signals.h"
#include "wm-store-private.h"

static const char * const verb_names[] = {
  "launched", "progressed", "completed", "terminated", "responded",
};

G_STATIC_ASSERT (G_N_ELEMENTS (verb_names) == WM_N_SIGNAL_VERBS);

const char *
wm_signal_verb_to_string (WmSignalVerb verb)
{
  g_return_val_if_fail (verb < WM_N_SIGNAL_VERBS, NULL);

  return verb_names[verb];
}

gboolean
wm_signal_verb_from_string (const char   *name,
                            WmSignalVerb *verb)
{
  for (guint i = 0; i < WM_N_SIGNAL_VERBS; i++)
    if (g_strcmp0 (name, verb_names[i]) == 0)
      {
        *verb = (WmSignalVerb) i;
        return TRUE;
      }

  return FALSE;
}

WmSignal *
wm_signal_new (void)
{
  WmSignal *signal = g_new0 (WmSignal, 1);

  signal->duration_ms = -1;
  signal->helpful = -1;
  return signal;
}

void
wm_signal_free (WmSignal *signal)
{
  if (signal == NULL)
    return;

  g_free (signal->id);
  g_free (signal->tutorial_id);
  g_free (signal->actor);
  g_free (signal->comment);
  g_free (signal);
}

static void
comment_free (WmSignalComment *comment)
{
  g_free (comment->text);
  g_free (comment);
}

void
wm_signal_summary_free (WmSignalSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->tutorial_id);
  g_clear_pointer (&summary->funnel, g_array_unref);
  g_clear_pointer (&summary->comments, g_ptr_array_unref);
  g_free (summary);
}

char *
wm_signal_format_duration (gint64 ms)
{
  int s = (int) MIN ((ms + 500) / 1000, G_MAXINT);

  if (ms < 0)
    return g_strdup ("—");
  if (s < 60)
    /* TRANSLATORS: a median time to finish a tutorial, in seconds */
    return g_strdup_printf (_("%d s"), s);
  /* TRANSLATORS: a median time to finish a tutorial: %1$d minutes and %2$02d seconds */
  return g_strdup_printf (_("%1$d min %2$02d s"), s / 60, s % 60);
}

double
wm_signal_summary_completion_rate (const WmSignalSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0);

  return summary->readers ? MIN (1.0, (double) summary->completions / summary->readers) : 0;
}

guint
wm_signal_summary_drop_step (const WmSignalSummary *summary)
{
  guint worst = 0, worst_loss = 0;

  g_return_val_if_fail (summary != NULL, 0);

  for (guint i = 0; i + 1 < summary->funnel->len; i++)
    {
      guint here = g_array_index (summary->funnel, guint, i);
      guint next = g_array_index (summary->funnel, guint, i + 1);

      if (here > next && here - next > worst_loss)
        worst = i + 1, worst_loss = here - next;
    }

  return worst;
}

/* Adding ------------------------------------------------------------------------------ */

typedef struct {
  GPtrArray *signals;
  guint      added;
} AddJob;

static gboolean
add_signals_txn (WmStore  *self,
                 sqlite3  *db,
                 gpointer  user_data,
                 GError  **error)
{
  AddJob *job = user_data;
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "INSERT OR IGNORE INTO signals (id, tutorial_id, version, verb, actor, step, duration_ms,"
    " helpful, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < job->signals->len; i++)
    {
      WmSignal *s = g_ptr_array_index (job->signals, i);

      sqlite3_reset (stmt);
      wm_store_bind_text (stmt, 1, s->id);
      wm_store_bind_text (stmt, 2, s->tutorial_id);
      sqlite3_bind_int64 (stmt, 3, s->version);
      wm_store_bind_text (stmt, 4, wm_signal_verb_to_string (s->verb));
      wm_store_bind_text (stmt, 5, s->actor);
      sqlite3_bind_int (stmt, 6, s->step);
      if (s->duration_ms >= 0)
        sqlite3_bind_int64 (stmt, 7, s->duration_ms);
      else
        sqlite3_bind_null (stmt, 7);
      if (s->helpful >= 0)
        sqlite3_bind_int (stmt, 8, s->helpful);
      else
        sqlite3_bind_null (stmt, 8);
      wm_store_bind_text (stmt, 9, s->comment);
      sqlite3_bind_int64 (stmt, 10, s->at);
      if (!wm_store_step (db, stmt, WM_STORE_DOING_SIGNALS, error))
        return FALSE;
      job->added += sqlite3_changes (db);
    }

  return TRUE;
}

gboolean
wm_store_add_signals (WmStore    *self,
                      GPtrArray  *signals,
                      guint      *n_added,
                      GError    **error)
{
  AddJob job = { signals, 0 };

  g_return_val_if_fail (WM_IS_STORE (self), FALSE);
  g_return_val_if_fail (signals != NULL, FALSE);

  for (guint i = 0; i < signals->len; i++)
    {
      WmSignal *s = g_ptr_array_index (signals, i);

      g_return_val_if_fail (s->id && s->tutorial_id && s->actor, FALSE);
      g_return_val_if_fail (s->verb < WM_N_SIGNAL_VERBS, FALSE);
    }

  if (!wm_store_transaction (self, add_signals_txn, &job, error))
    return FALSE;
  if (n_added != NULL)
    *n_added = job.added;
  return TRUE;
}

/* Summing ------------------------------------------------------------------------------ */

typedef struct {
  const char *tutorial_id;
  GPtrArray  *summaries;
} ListJob;

static WmSignalSummary *
summary_new (const char *tutorial_id,
             guint       version)
{
  WmSignalSummary *s = g_new0 (WmSignalSummary, 1);

  s->tutorial_id = g_strdup (tutorial_id);
  s->version = version;
  s->median_ms = -1;
  s->funnel = g_array_new (FALSE, TRUE, sizeof (guint));
  s->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) comment_free);
  return s;
}

static sqlite3_stmt *
prepare_for (sqlite3          *db,
             const char       *sql,
             WmSignalSummary  *s,
             GError          **error)
{
  sqlite3_stmt *stmt = wm_store_prepare (db, sql, error);

  if (stmt != NULL)
    {
      wm_store_bind_text (stmt, 1, s->tutorial_id);
      sqlite3_bind_int64 (stmt, 2, s->version);
    }
  return stmt;
}

static gboolean
fill_counts (sqlite3          *db,
             WmSignalSummary  *s,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_for (db,
    "SELECT count (DISTINCT actor) FILTER (WHERE verb IN ('launched', 'progressed')),"
    " count (*) FILTER (WHERE verb = 'launched'),"
    " count (DISTINCT actor) FILTER (WHERE verb = 'completed'),"
    " count (*) FILTER (WHERE verb = 'responded' AND helpful = 1),"
    " count (*) FILTER (WHERE verb = 'responded' AND helpful = 0),"
    " count (*) FILTER (WHERE verb = 'completed' AND duration_ms IS NOT NULL)"
    " FROM signals WHERE tutorial_id = ? AND version = ?", s, error);
  guint timed;

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return stmt == NULL ? FALSE : wm_store_step (db, stmt, WM_STORE_DOING_READ,
                                                 error);

  s->readers = sqlite3_column_int (stmt, 0);
  s->starts = sqlite3_column_int (stmt, 1);
  s->completions = sqlite3_column_int (stmt, 2);
  s->helpful_yes = sqlite3_column_int (stmt, 3);
  s->helpful_no = sqlite3_column_int (stmt, 4);
  timed = sqlite3_column_int (stmt, 5);
  if (timed == 0)
    return TRUE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare_for (db, "SELECT duration_ms FROM signals WHERE tutorial_id = ? AND"
                          " version = ? AND verb = 'completed' AND duration_ms IS NOT NULL"
                          " ORDER BY duration_ms LIMIT 1 OFFSET ?", s, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 3, timed / 2);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    s->median_ms = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
fill_funnel (sqlite3          *db,
             WmSignalSummary  *s,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_for (db,
    "SELECT step, count (DISTINCT actor) FROM signals WHERE tutorial_id = ? AND version = ?"
    " AND verb = 'progressed' AND step BETWEEN 1 AND 10000 GROUP BY step ORDER BY step",
    s, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint step = sqlite3_column_int (stmt, 0);
      guint readers = sqlite3_column_int (stmt, 1);

      if (s->funnel->len < step)
        g_array_set_size (s->funnel, step);
      g_array_index (s->funnel, guint, step - 1) = readers;
    }

  return rc == SQLITE_DONE || wm_store_step (db, stmt, WM_STORE_DOING_READ,
                                             error);
}

static gboolean
fill_comments (sqlite3          *db,
               WmSignalSummary  *s,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_for (db,
    "SELECT at, helpful, comment FROM signals WHERE tutorial_id = ? AND version = ?"
    " AND verb = 'responded' AND comment IS NOT NULL AND comment != '' ORDER BY at DESC",
    s, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WmSignalComment *c = g_new0 (WmSignalComment, 1);

      c->at = sqlite3_column_int64 (stmt, 0);
      c->helpful = sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1
                                                                 : sqlite3_column_int (stmt, 1);
      c->text = g_strdup (wm_store_column_text (stmt, 2));
      g_ptr_array_add (s->comments, c);
    }

  return rc == SQLITE_DONE || wm_store_step (db, stmt, WM_STORE_DOING_READ,
                                             error);
}

static gboolean
list_summaries_txn (WmStore  *self,
                    sqlite3  *db,
                    gpointer  user_data,
                    GError  **error)
{
  ListJob *job = user_data;
  g_autoptr(sqlite3_stmt) stmt = wm_store_prepare (db,
    "SELECT DISTINCT tutorial_id, version FROM signals"
    " WHERE ?1 IS NULL OR tutorial_id = ?1 ORDER BY tutorial_id, version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  wm_store_bind_text (stmt, 1, job->tutorial_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(WmSignalSummary) s = summary_new (wm_store_column_text (stmt, 0),
                                                  sqlite3_column_int (stmt, 1));

      if (!fill_counts (db, s, error) || !fill_funnel (db, s, error) ||
          !fill_comments (db, s, error))
        return FALSE;
      g_ptr_array_add (job->summaries, g_steal_pointer (&s));
    }

  return rc == SQLITE_DONE || wm_store_step (db, stmt, WM_STORE_DOING_READ,
                                             error);
}

GPtrArray *
wm_store_list_signal_summaries (WmStore     *self,
                                const char  *tutorial_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) summaries = NULL;
  ListJob job;

  g_return_val_if_fail (WM_IS_STORE (self), NULL);

  summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) wm_signal_summary_free);
  job = (ListJob) { tutorial_id, summaries };
  if (!wm_store_read (self, list_summaries_txn, &job, error))
    return NULL;

  return g_steal_pointer (&summaries);
}
