/* test-a11y.c — the window and the editor as a screen reader reads them over AT-SPI:
 * every button has a name, and the step list says each step's text
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "app-test-util.h"
#include "wm-editor.h"

typedef struct {
  guint depth;
  char *role;
  char *name;
  char *description;
} Node;

static void
node_free (Node *node)
{
  g_free (node->role);
  g_free (node->name);
  g_free (node->description);
  g_free (node);
}

typedef struct {
  char    *out;
  gboolean done;
} Dump;

static void
on_dumped (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Dump *dump = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &dump->out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (G_SUBPROCESS (source)));
  dump->done = TRUE;
}

static gboolean
dump_done (gpointer data)
{
  return ((Dump *) data)->done;
}

/* Our own accessible tree, read by a11y-dump in another process while this one keeps
 * its main loop running to answer it. */
static GPtrArray *
read_tree (void)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) dumper = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  Dump dump = { NULL, FALSE };

  dumper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("WM_A11Y_DUMP"),
                             pid, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (dumper, NULL, NULL, on_dumped, &dump);
  app_wait_until (dump_done, &dump, 120000);

  lines = g_strsplit (dump.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 4);
      Node *node;

      if (g_strv_length (f) != 4)
        continue;
      node = g_new0 (Node, 1);
      node->depth = (guint) g_ascii_strtoull (f[0], NULL, 10);
      node->role = g_strdup (f[1]);
      node->name = g_strstrip (g_strdup (f[2]));
      node->description = g_strdup (f[3]);
      g_ptr_array_add (nodes, node);
    }
  g_free (dump.out);
  g_test_message ("%u accessible elements visible", nodes->len);
  return nodes;
}

static gboolean
is_control (const char *role)
{
  return g_str_equal (role, "push button") || g_str_equal (role, "toggle button") ||
         g_str_equal (role, "button") || g_str_equal (role, "menu button") ||
         g_str_equal (role, "check box") || g_str_equal (role, "switch") ||
         g_str_equal (role, "radio button") || g_str_equal (role, "combo box");
}

/* Every control showing has a name a screen reader can say; the nameless are listed. */
static void
assert_controls_named (GPtrArray  *nodes,
                       const char *where)
{
  g_autoptr(GString) nameless = g_string_new (NULL);
  guint n_controls = 0;

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);

      if (!is_control (node->role))
        continue;
      n_controls++;
      /* GTK reads a control it has no name for as its type name; a mnemonic shows. */
      if (*node->name == '\0' || g_type_from_name (node->name) != 0 ||
          strchr (node->name, '_') != NULL)
        {
          /* Where it is: the names of the nearest named ancestors. */
          g_string_append_printf (nameless, "\n  a %s “%s” (%s)", node->role, node->name,
                                  node->description);
          for (guint j = i, depth = node->depth; j-- > 0 && depth > 0;)
            {
              Node *up = g_ptr_array_index (nodes, j);

              if (up->depth < depth)
                {
                  depth = up->depth;
                  if (*up->name)
                    g_string_append_printf (nameless, " in %s “%s”", up->role, up->name);
                }
            }
        }
    }
  if (nameless->len > 0)
    g_error ("%s: controls without an accessible name:%s", where, nameless->str);
  /* The walk saw the window, not an empty tree. */
  g_assert_cmpuint (n_controls, >, 5);
}

/* The text a list item (and what is inside it) gives a screen reader. */
static char *
item_text (GPtrArray *nodes,
           guint      item)
{
  Node *node = g_ptr_array_index (nodes, item);
  GString *text = g_string_new (node->name);

  for (guint i = item + 1; i < nodes->len; i++)
    {
      Node *inner = g_ptr_array_index (nodes, i);

      if (inner->depth <= node->depth)
        break;
      g_string_append_printf (text, " | %s", inner->name);
    }
  return g_string_free (text, FALSE);
}

static gboolean
has_item_with (GPtrArray  *nodes,
               const char *text)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = g_ptr_array_index (nodes, i);
      g_autofree char *said = NULL;

      if (!g_str_equal (node->role, "list item"))
        continue;
      said = item_text (nodes, i);
      if (strstr (said, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_window_controls_named (void)
{
  AppFixture f = { 0 };
  g_autoptr(GPtrArray) nodes = NULL;

  app_fixture_set_up (&f, TRUE);
  app_fixture_show (&f);
  app_spin (300);

  nodes = read_tree ();
  assert_controls_named (nodes, "library");
  /* The library's rows say which tutorial they are. */
  g_assert_true (has_item_with (nodes, "Create your first report"));
  g_clear_pointer (&nodes, g_ptr_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-journey", NULL);
  app_spin (300);
  nodes = read_tree ();
  assert_controls_named (nodes, "journey map");

  app_fixture_tear_down (&f);
}

static gboolean
canvas_ready (gpointer data)
{
  return wm_editor_is_canvas_ready (data);
}

static void
test_editor_controls_named (void)
{
  AppFixture f = { 0 };
  g_autoptr(WmTutorial) tutorial = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  WmEditor *editor;
  GListModel *steps;

  app_fixture_set_up (&f, FALSE);
  tutorial = app_make_tutorial (f.store, "Send your first invoice", WM_STAGE_ORIENTATION,
                                "everyday user", 3);
  app_fixture_show (&f);
  g_assert_true (wm_window_open_tutorial (f.window, wm_tutorial_get_id (tutorial)));
  editor = wm_window_get_editor (f.window);
  app_wait_until (canvas_ready, editor, 10000);
  app_spin (300);

  nodes = read_tree ();
  assert_controls_named (nodes, "editor");

  /* Each step row says its instruction, as the author wrote it. */
  steps = wm_tutorial_get_steps (wm_editor_get_tutorial (editor));
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(WmStep) step = g_list_model_get_item (steps, i);
      g_autoptr(GString) plain = g_string_new (wm_step_get_instruction (step));

      g_string_replace (plain, "*", "", 0);
      if (!has_item_with (nodes, plain->str))
        g_error ("no step row says “%s”", plain->str);
    }

  app_fixture_tear_down (&f);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/a11y/window-controls-named", test_window_controls_named);
  g_test_add_func ("/app/a11y/editor-controls-named", test_editor_controls_named);

  return g_test_run ();
}
