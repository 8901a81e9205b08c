/* wm-signals.h — adoption signals: what readers did with a tutorial, and what it adds up to
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A signal is one xAPI statement the player sent (see README, "Adoption signals"), reduced
 * to what the figures need. They are kept in the library, once each (by statement id), and
 * summed per tutorial and version by the store (wm_store_list_signal_summaries()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  WM_SIGNAL_LAUNCHED,     /* a reader opened the tutorial */
  WM_SIGNAL_PROGRESSED,   /* reached a step (@step) */
  WM_SIGNAL_COMPLETED,    /* reached the end (@duration_ms) */
  WM_SIGNAL_TERMINATED,   /* left; @step is the last step reached, @completed whether done */
  WM_SIGNAL_RESPONDED,    /* answered "Did this help?" (@helpful, @comment) */
  WM_N_SIGNAL_VERBS
} WmSignalVerb;

typedef struct {
  char         *id;            /* the statement's id */
  char         *tutorial_id;
  guint         version;
  WmSignalVerb  verb;
  char         *actor;         /* an opaque key for the reader (never shown) */
  int           step;          /* 1-based, 0 when none */
  gint64        duration_ms;   /* -1 when none */
  int           helpful;       /* 1 yes, 0 no, -1 not said */
  char         *comment;
  gint64        at;            /* the statement's time, µs since the epoch */
} WmSignal;

const char *wm_signal_verb_to_string   (WmSignalVerb  verb);
gboolean    wm_signal_verb_from_string (const char   *name,
                                        WmSignalVerb *verb);
WmSignal   *wm_signal_new              (void);
void        wm_signal_free             (WmSignal     *signal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSignal, wm_signal_free)

typedef struct {
  gint64  at;
  int     helpful;    /* 1, 0 or -1 */
  char   *text;
} WmSignalComment;

/* One tutorial version's figures. */
typedef struct {
  char      *tutorial_id;
  guint      version;
  guint      readers;       /* distinct readers who opened it */
  guint      starts;        /* launches */
  guint      completions;   /* readers who reached the end */
  gint64     median_ms;     /* median time to complete, -1 without completions */
  GArray    *funnel;        /* guint per step: readers who reached step i + 1 */
  guint      helpful_yes;
  guint      helpful_no;
  GPtrArray *comments;      /* WmSignalComment, newest first */
} WmSignalSummary;

void        wm_signal_summary_free     (WmSignalSummary *summary);
/* A median time for people: "42 s", "1 min 35 s", "—" for none (-1). */
char       *wm_signal_format_duration  (gint64           ms);
/* completions / readers, 0 without readers. */
double      wm_signal_summary_completion_rate (const WmSignalSummary *summary);
/* The step readers leave at most: the 1-based step after which the funnel drops most,
 * 0 when no step loses anyone. */
guint       wm_signal_summary_drop_step (const WmSignalSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WmSignalSummary, wm_signal_summary_free)

G_END_DECLS
