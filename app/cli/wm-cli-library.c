/* wm-cli-library.c — list, show, new, tag, add-images and delete
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "wm-cli-commands.h"

static void
add_time_member (JsonBuilder *b,
                 const char  *name,
                 gint64       usec)
{
  g_autofree char *text = wm_cli_format_utc (usec);

  wm_cli_json_add_string (b, name, text);
}

static void
add_int_member (JsonBuilder *b,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
build_tutorial_fields (JsonBuilder *b,
                       WmTutorial  *t)
{
  const char * const *roles = wm_tutorial_get_roles (t);

  wm_cli_json_add_string (b, "id", wm_tutorial_get_id (t));
  wm_cli_json_add_string (b, "slug", wm_tutorial_get_slug (t));
  wm_cli_json_add_string (b, "title", wm_tutorial_get_title (t));
  wm_cli_json_add_string (b, "summary", wm_tutorial_get_summary (t));
  wm_cli_json_add_string (b, "stage", wm_stage_to_string (wm_tutorial_get_stage (t)));
  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  for (guint i = 0; roles[i]; i++)
    json_builder_add_string_value (b, roles[i]);
  json_builder_end_array (b);
  wm_cli_json_add_string (b, "status", wm_status_to_string (wm_tutorial_get_status (t)));
  add_int_member (b, "version", wm_tutorial_get_version (t));
  add_int_member (b, "approved_version", wm_tutorial_get_approved_version (t));
  wm_cli_json_add_string (b, "author", wm_tutorial_get_author (t));
  wm_cli_json_add_string (b, "contributor", wm_tutorial_get_contributor (t));
  add_int_member (b, "steps", wm_tutorial_get_n_steps (t));
  add_time_member (b, "created", wm_tutorial_get_created_at (t));
  add_time_member (b, "updated", wm_tutorial_get_updated_at (t));
}

/* What the instruction names, structured: its kind, the menu or list it is in, where the
 * name is in the sentence (byte offsets, for a renderer to bold), and whether the author
 * still has to complete the sentence. */
static void
add_target_members (JsonBuilder *b,
                    WmStep      *s)
{
  WmTargetKind kind = wm_step_get_target_kind (s);
  WmTargetKind container_kind = wm_step_get_container_kind (s);
  gsize start, end;

  wm_cli_json_add_string (b, "target_kind", kind ? wm_target_kind_to_string (kind) : NULL);
  wm_cli_json_add_string (b, "container", wm_step_get_container (s));
  wm_cli_json_add_string (b, "container_kind",
                          container_kind ? wm_target_kind_to_string (container_kind) : NULL);
  if (wm_step_get_target_span (s, &start, &end))
    {
      json_builder_set_member_name (b, "target_span");
      json_builder_begin_array (b);
      json_builder_add_int_value (b, start);
      json_builder_add_int_value (b, end);
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "incomplete");
  json_builder_add_boolean_value (b, wm_step_get_incomplete (s));
}

static void
build_step (JsonBuilder *b,
            WmStep      *s)
{
  GPtrArray *annotations = wm_step_get_annotations (s);

  json_builder_begin_object (b);
  add_int_member (b, "position", wm_step_get_position (s) + 1);
  wm_cli_json_add_string (b, "id", wm_step_get_id (s));
  wm_cli_json_add_string (b, "kind", wm_step_kind_to_string (wm_step_get_kind (s)));
  wm_cli_json_add_string (b, "instruction", wm_step_get_instruction (s));
  json_builder_set_member_name (b, "instruction_edited");
  json_builder_add_boolean_value (b, wm_step_get_instruction_edited (s));
  wm_cli_json_add_string (b, "notes", wm_step_get_notes (s));
  add_int_member (b, "x", wm_step_get_x (s));
  add_int_member (b, "y", wm_step_get_y (s));
  add_int_member (b, "button", wm_step_get_button (s));
  add_int_member (b, "modifiers", wm_step_get_modifiers (s));
  wm_cli_json_add_string (b, "text", wm_step_get_text (s));
  wm_cli_json_add_string (b, "target_name", wm_step_get_target_name (s));
  wm_cli_json_add_string (b, "target_role", wm_step_get_target_role (s));
  add_target_members (b, s);
  wm_cli_json_add_string (b, "app_name", wm_step_get_app_name (s));
  wm_cli_json_add_string (b, "window_title", wm_step_get_window_title (s));
  wm_cli_json_add_string (b, "image", wm_step_get_image_sha256 (s));
  add_time_member (b, "captured", wm_step_get_captured_at (s));
  json_builder_set_member_name (b, "annotations");
  json_builder_begin_array (b);
  for (guint i = 0; i < annotations->len; i++)
    {
      WmAnnotation *a = g_ptr_array_index (annotations, i);

      json_builder_begin_object (b);
      wm_cli_json_add_string (b, "kind", wm_annotation_kind_to_string (wm_annotation_get_kind (a)));
      add_int_member (b, "x", wm_annotation_get_x (a));
      add_int_member (b, "y", wm_annotation_get_y (a));
      add_int_member (b, "width", wm_annotation_get_width (a));
      add_int_member (b, "height", wm_annotation_get_height (a));
      wm_cli_json_add_string (b, "text", wm_annotation_get_text (a));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* list ------------------------------------------------------------------------------ */

static void
print_list_table (GPtrArray *tutorials)
{
  if (tutorials->len == 0)
    {
      g_print ("%s\n", _("No tutorials."));
      return;
    }

  g_print ("%-8s  %-27s  %-17s  %5s  %s\n", _("ID"), _("STAGE"), _("STATUS"), _("STEPS"),
           _("TITLE"));
  for (guint i = 0; i < tutorials->len; i++)
    {
      WmTutorial *t = g_ptr_array_index (tutorials, i);
      g_autofree char *roles = g_strjoinv (", ", (GStrv) wm_tutorial_get_roles (t));

      g_print ("%.8s  %-27s  %-17s  %5u  %s%s%s%s\n", wm_tutorial_get_id (t),
               wm_stage_to_string (wm_tutorial_get_stage (t)),
               wm_status_to_string (wm_tutorial_get_status (t)),
               wm_tutorial_get_n_steps (t), wm_tutorial_get_title (t),
               *roles ? " [" : "", roles, *roles ? "]" : "");
    }
}

int
wm_cli_list (WmCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *stage = NULL, *role = NULL, *status = NULL, *search = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("Only this adoption stage"), N_("STAGE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Only tutorials for this role"), N_("ROLE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only this review status"),
      N_("STATUS") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Full-text search"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "list", NULL,
                                                             _("List the tutorials in the library."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tutorials = NULL;
  WmFilter filter = WM_FILTER_INIT;
  WmStore *store;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc > 1)
    return wm_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  if (stage && !wm_cli_parse_stage (cli, stage, (WmStage *) &filter.stage))
    return WM_CLI_FAILED;
  if (status && !wm_cli_parse_status (cli, status, (WmStatus *) &filter.status))
    return WM_CLI_FAILED;
  filter.role = role;
  filter.search = search;

  if (!(store = wm_cli_get_store (cli, &error)) ||
      !(tutorials = wm_store_list_tutorials (store, &filter, &error)))
    return wm_cli_fail_error (cli, error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < tutorials->len; i++)
        {
          json_builder_begin_object (b);
          build_tutorial_fields (b, g_ptr_array_index (tutorials, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      wm_cli_json_print (b);
    }
  else
    print_list_table (tutorials);

  return WM_CLI_OK;
}

/* show ------------------------------------------------------------------------------ */

static void
print_tutorial (WmTutorial *t)
{
  g_autofree char *roles = g_strjoinv (", ", (GStrv) wm_tutorial_get_roles (t));
  g_autofree char *updated = wm_cli_format_utc (wm_tutorial_get_updated_at (t));
  GListModel *steps = wm_tutorial_get_steps (t);

  g_print ("%s\n", wm_tutorial_get_title (t));
  if (wm_tutorial_get_summary (t))
    g_print ("%s\n", wm_tutorial_get_summary (t));
  g_print ("\n  %-9s %s\n", _("Id:"), wm_tutorial_get_id (t));
  if (wm_tutorial_get_slug (t))
    g_print ("  %-9s %s\n", _("Link:"), wm_tutorial_get_slug (t));
  g_print ("  %-9s %s — %s\n", _("Stage:"), wm_stage_get_title (wm_tutorial_get_stage (t)),
           wm_stage_get_question (wm_tutorial_get_stage (t)));
  g_print ("  %-9s %s\n", _("Roles:"), *roles ? roles : _("(none)"));
  g_print ("  %-9s %s, %s %u\n", _("Status:"), wm_status_get_title (wm_tutorial_get_status (t)),
           _("version"), wm_tutorial_get_version (t));
  g_print ("  %-9s %s\n\n", _("Updated:"), updated);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      WmStep *s = wm_tutorial_get_step (t, i);
      const char *text = wm_step_get_instruction (s);

      g_print ("%3u. %s\n", i + 1, text && *text ? text : _("(no instruction)"));
      if (wm_step_get_notes (s))
        g_print ("     %s\n", wm_step_get_notes (s));
    }
}

int
wm_cli_show (WmCli  *cli,
             int     argc,
             char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "show", "ID",
                                                             _("Show a tutorial and its steps."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));

  if (!(t = wm_cli_load_tutorial (cli, argv[1], TRUE, &error)))
    return wm_cli_fail_error (cli, error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      GListModel *steps = wm_tutorial_get_steps (t);

      json_builder_begin_object (b);
      build_tutorial_fields (b, t);
      json_builder_set_member_name (b, "step_list");
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
        build_step (b, wm_tutorial_get_step (t, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      wm_cli_json_print (b);
    }
  else
    print_tutorial (t);

  return WM_CLI_OK;
}

/* new, tag -------------------------------------------------------------------------- */

int
wm_cli_new (WmCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *title = NULL, *stage = NULL, *summary = NULL, *author = NULL;
  g_auto(GStrv) roles = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The title (required)"), N_("TITLE") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("The adoption stage"), N_("STAGE") },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles, N_("A role (repeat for more)"),
      N_("ROLE") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary, N_("A one-line summary"), N_("TEXT") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("The author's name"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "new", NULL,
    _("Create an empty tutorial and print its id."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  WmStore *store;
  WmStage s = WM_STAGE_ORIENTATION;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc > 1)
    return wm_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (title == NULL)
    return wm_cli_usage (cli, _("--title is required"));
  if (stage && !wm_cli_parse_stage (cli, stage, &s))
    return WM_CLI_FAILED;

  t = wm_tutorial_new (title);
  wm_tutorial_set_stage (t, s);
  wm_tutorial_set_roles (t, (const char * const *) roles);
  wm_tutorial_set_summary (t, summary);
  wm_tutorial_set_author (t, author ? author : g_get_real_name ());
  wm_tutorial_set_steps_loaded (t, TRUE);

  if (!(store = wm_cli_get_store (cli, &error)) || !wm_store_save_tutorial (store, t, &error))
    return wm_cli_fail_error (cli, error);

  g_print ("%s\n", wm_tutorial_get_id (t));
  return WM_CLI_OK;
}

int
wm_cli_tag (WmCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *stage = NULL;
  g_auto(GStrv) roles = NULL;
  gboolean no_roles = FALSE;
  GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("The adoption stage"), N_("STAGE") },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles,
      N_("A role (repeat for more; replaces the roles)"), N_("ROLE") },
    { "no-roles", 0, 0, G_OPTION_ARG_NONE, &no_roles, N_("Remove every role"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "tag", "ID",
    _("Set a tutorial's adoption stage and roles."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  WmStage s;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));
  if (stage == NULL && roles == NULL && !no_roles)
    return wm_cli_usage (cli, _("give --stage, --role or --no-roles"));
  if (stage && !wm_cli_parse_stage (cli, stage, &s))
    return WM_CLI_FAILED;

  if (!(t = wm_cli_load_tutorial (cli, argv[1], FALSE, &error)))
    return wm_cli_fail_error (cli, error);

  if (stage)
    wm_tutorial_set_stage (t, s);
  if (roles || no_roles)
    wm_tutorial_set_roles (t, (const char * const *) roles);

  if (!wm_store_save_tutorial (wm_cli_get_store (cli, NULL), t, &error))
    return wm_cli_fail_error (cli, error);

  return WM_CLI_OK;
}

/* add-images, delete ---------------------------------------------------------------- */

static WmStep *
manual_step_for (WmImage    *image,
                 const char *path)
{
  WmStep *step = wm_step_new (WM_STEP_MANUAL);
  g_autofree char *base = g_path_get_basename (path);

  wm_step_set_image_sha256 (step, wm_image_get_sha256 (image));
  wm_step_set_captured_at (step, g_get_real_time ());
  /* Something readable until the author writes the real instruction. */
  wm_step_set_generated_instruction (step, base);

  return step;
}

int
wm_cli_add_images (WmCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "add-images", "ID FILE.png…",
    _("Add one manual step per image, in the order given. Either all are added or none."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *id = NULL;

  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc < 3)
    return wm_cli_usage (cli, _("give a tutorial ID and at least one PNG file"));

  if (!(id = wm_cli_resolve_id (cli, argv[1], &error)))
    return wm_cli_fail_error (cli, error);

  /* Read and check every file before touching the library. */
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      WmImage *image = wm_image_new_from_file (file, &error);

      if (image == NULL)
        return wm_cli_fail_error (cli, error);

      g_ptr_array_add (images, image);
      g_ptr_array_add (steps, manual_step_for (image, argv[i]));
    }

  if (!wm_store_append_steps (wm_cli_get_store (cli, NULL), id, steps, images, &error))
    return wm_cli_fail_error (cli, error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u step\n", "Added %u steps\n", steps->len),
           steps->len);
  return WM_CLI_OK;
}

int
wm_cli_delete (WmCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = wm_cli_option_context (cli, "delete", "ID",
    _("Delete a tutorial, its history and the screenshots only it used."));
  g_autoptr(GError) error = NULL;
  g_autoptr(WmTutorial) t = NULL;
  WmStore *store;

  if (!wm_cli_parse (cli, context, &argc, &argv))
    return WM_CLI_USAGE;
  if (argc != 2)
    return wm_cli_usage (cli, _("give one tutorial ID"));

  if (!(t = wm_cli_load_tutorial (cli, argv[1], FALSE, &error)))
    return wm_cli_fail_error (cli, error);

  store = wm_cli_get_store (cli, NULL);
  if (!wm_store_delete_tutorial (store, wm_tutorial_get_id (t), &error) ||
      !wm_store_collect_garbage (store, NULL, &error))
    return wm_cli_fail_error (cli, error);

  g_print (_("Deleted “%s”\n"), wm_tutorial_get_title (t));
  return WM_CLI_OK;
}
