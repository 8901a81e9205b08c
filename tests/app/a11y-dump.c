/* a11y-dump.c — prints the accessible tree of one process, as a screen reader sees it
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   a11y-dump PID
 *
 * A separate process, because a GTK app cannot answer AT-SPI calls while it is the one
 * waiting for their replies. One line per element that is visible, depth first:
 *   DEPTH <TAB> ROLE <TAB> NAME <TAB> DESCRIPTION
 * with tabs and newlines in the texts turned into spaces. Exits 1 if the process has no
 * application on the AT-SPI bus within 30 s.
 */
#define G_LOG_DOMAIN "a11y-dump"

#include "config.h"

#include <atspi/atspi.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_DEPTH 64

/* at-spi2 2.46 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

static char *
flat (char *text)
{
  if (text == NULL)
    return g_strdup ("");
  return g_strdelimit (text, "\t\n\r", ' ');
}

/* GTK 4.8 marks widgets visible (shown, even on a stack page not in front), never
 * "showing"; hidden widgets are left out. */
static gboolean
is_visible (AtspiAccessible *accessible)
{
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (accessible);

  return states != NULL && atspi_state_set_contains (states, ATSPI_STATE_VISIBLE);
}

static void
dump (AtspiAccessible *accessible,
      guint            depth)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL, *name = NULL, *description = NULL;
  int n_children;

  if (depth > MAX_DEPTH || !is_visible (accessible))
    return;

  role = flat (atspi_accessible_get_role_name (accessible, NULL));
  name = flat (atspi_accessible_get_name (accessible, NULL));
  description = flat (atspi_accessible_get_description (accessible, NULL));
  /* printf, not g_print: the texts stay UTF-8 whatever the locale. */
  printf ("%u\t%s\t%s\t%s\n", depth, role, name, description);

  n_children = atspi_accessible_get_child_count (accessible, &error);
  for (int i = 0; i < n_children; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i, NULL);

      if (child != NULL)
        dump (child, depth + 1);
    }
}

static AtspiAccessible *
find_app (guint pid)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n = atspi_accessible_get_child_count (desktop, NULL);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && atspi_accessible_get_process_id (app, NULL) == pid)
        return g_steal_pointer (&app);
    }
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AtspiAccessible) app = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint pid;
  int n_windows;

  if (argc != 2 || (pid = (guint) g_ascii_strtoull (argv[1], NULL, 10)) == 0)
    {
      g_printerr ("usage: a11y-dump PID\n");
      return 2;
    }
  if (atspi_init () < 0)
    {
      g_printerr ("a11y-dump: no AT-SPI bus\n");
      return 1;
    }

  while ((app = find_app (pid)) == NULL && g_get_monotonic_time () < deadline)
    g_usleep (100 * 1000);
  if (app == NULL)
    {
      g_printerr ("a11y-dump: process %u has no application on the AT-SPI bus\n", pid);
      return 1;
    }

  n_windows = atspi_accessible_get_child_count (app, NULL);
  for (int i = 0; i < n_windows; i++)
    {
      g_autoptr(AtspiAccessible) window = atspi_accessible_get_child_at_index (app, i, NULL);

      if (window != NULL)
        dump (window, 0);
    }
  return 0;
}
