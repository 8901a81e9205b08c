/* wm-test-portal.c — a portal backend for the tests: Screenshot and Access, answering with fixtures
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real xdg-desktop-portal (the frontend) talks to this the way it talks to
 * xdg-desktop-portal-gnome or -kde: org.freedesktop.impl.portal.Screenshot answers with a
 * file:// URI, org.freedesktop.impl.portal.Access answers the "Allow Applications to Take
 * Screenshots?" question the frontend asks before the first non-interactive shot.
 *
 *   wm-test-portal --out-dir DIR [FIXTURE.png…]
 *
 * Each Screenshot copies the next fixture (in turn) to DIR, named to the second the way
 * KDE's backend names them, so two shots in one second land on the same file name: the
 * client has to copy each file away at once. The tests steer it through
 * org.waymark.TestPortal on the same object: the responses to give (0 success,
 * 1 cancelled, 2 other — a refusal), a delay, the fixtures, and call counters.
 */
#define G_LOG_DOMAIN "wm-test-portal"

#include "config.h"

#include <gio/gio.h>

#define BUS_NAME "org.freedesktop.impl.portal.desktop.waymarktest"
#define OBJECT_PATH "/org/freedesktop/portal/desktop"

static const char introspection_xml[] =
  "<node>"
  " <interface name='org.freedesktop.impl.portal.Screenshot'>"
  "  <method name='Screenshot'>"
  "   <arg type='o' name='handle' direction='in'/>"
  "   <arg type='s' name='app_id' direction='in'/>"
  "   <arg type='s' name='parent_window' direction='in'/>"
  "   <arg type='a{sv}' name='options' direction='in'/>"
  "   <arg type='u' name='response' direction='out'/>"
  "   <arg type='a{sv}' name='results' direction='out'/>"
  "  </method>"
  "  <method name='PickColor'>"
  "   <arg type='o' name='handle' direction='in'/>"
  "   <arg type='s' name='app_id' direction='in'/>"
  "   <arg type='s' name='parent_window' direction='in'/>"
  "   <arg type='a{sv}' name='options' direction='in'/>"
  "   <arg type='u' name='response' direction='out'/>"
  "   <arg type='a{sv}' name='results' direction='out'/>"
  "  </method>"
  "  <property name='version' type='u' access='read'/>"
  " </interface>"
  " <interface name='org.freedesktop.impl.portal.Access'>"
  "  <method name='AccessDialog'>"
  "   <arg type='o' name='handle' direction='in'/>"
  "   <arg type='s' name='app_id' direction='in'/>"
  "   <arg type='s' name='parent_window' direction='in'/>"
  "   <arg type='s' name='title' direction='in'/>"
  "   <arg type='s' name='subtitle' direction='in'/>"
  "   <arg type='s' name='body' direction='in'/>"
  "   <arg type='a{sv}' name='options' direction='in'/>"
  "   <arg type='u' name='response' direction='out'/>"
  "   <arg type='a{sv}' name='results' direction='out'/>"
  "  </method>"
  " </interface>"
  " <interface name='org.waymark.TestPortal'>"
  "  <method name='SetResponses'>"
  "   <arg type='u' name='screenshot' direction='in'/>"
  "   <arg type='u' name='access' direction='in'/>"
  "  </method>"
  "  <method name='SetDelay'>"
  "   <arg type='u' name='msec' direction='in'/>"
  "  </method>"
  "  <method name='SetFixtures'>"
  "   <arg type='as' name='paths' direction='in'/>"
  "  </method>"
  "  <method name='GetCounts'>"
  "   <arg type='u' name='screenshots' direction='out'/>"
  "   <arg type='u' name='access_dialogs' direction='out'/>"
  "   <arg type='s' name='last_access_title' direction='out'/>"
  "  </method>"
  " </interface>"
  "</node>";

typedef struct {
  char      *out_dir;
  GPtrArray *fixtures;
  guint      next_fixture;
  guint      screenshot_response;
  guint      access_response;
  guint      delay_msec;
  guint      n_screenshots;
  guint      n_access_dialogs;
  char      *last_access_title;
  GMainLoop *loop;
} TestPortal;

static GVariant *
empty_results (void)
{
  return g_variant_new ("a{sv}", NULL);
}

/* Copies the next fixture to a to-the-second name (overwriting, as KDE's backend does). */
static char *
write_shot (TestPortal  *self,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "Screenshot_%Y%m%d_%H%M%S.png");
  g_autofree char *path = g_build_filename (self->out_dir, name, NULL);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  const char *fixture;

  if (self->fixtures->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No fixture images");
      return NULL;
    }

  fixture = g_ptr_array_index (self->fixtures, self->next_fixture % self->fixtures->len);
  self->next_fixture++;
  source = g_file_new_for_path (fixture);
  if (!g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return NULL;

  return g_file_get_uri (dest);
}

static void
handle_screenshot (TestPortal            *self,
                   GDBusMethodInvocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GVariantBuilder results;

  self->n_screenshots++;
  if (self->delay_msec > 0)
    g_usleep (self->delay_msec * 1000);

  if (self->screenshot_response != 0)
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u@a{sv})", self->screenshot_response,
                                                            empty_results ()));
      return;
    }

  uri = write_shot (self, &error);
  if (uri == NULL)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return;
    }

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "uri", g_variant_new_string (uri));
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ua{sv})", 0, &results));
}

static void
handle_access_dialog (TestPortal            *self,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation)
{
  const char *title = NULL;

  g_variant_get_child (parameters, 3, "&s", &title);
  g_free (self->last_access_title);
  self->last_access_title = g_strdup (title);
  self->n_access_dialogs++;

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(u@a{sv})", self->access_response,
                                                        empty_results ()));
}

static void
handle_control (TestPortal            *self,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation)
{
  if (g_str_equal (method, "SetResponses"))
    {
      g_variant_get (parameters, "(uu)", &self->screenshot_response, &self->access_response);
    }
  else if (g_str_equal (method, "SetDelay"))
    {
      g_variant_get (parameters, "(u)", &self->delay_msec);
    }
  else if (g_str_equal (method, "SetFixtures"))
    {
      g_autofree const char **paths = NULL;

      g_variant_get (parameters, "(^a&s)", &paths);
      g_ptr_array_set_size (self->fixtures, 0);
      for (guint i = 0; paths[i] != NULL; i++)
        g_ptr_array_add (self->fixtures, g_strdup (paths[i]));
      self->next_fixture = 0;
    }
  else if (g_str_equal (method, "GetCounts"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(uus)", self->n_screenshots,
                                                            self->n_access_dialogs,
                                                            self->last_access_title ?
                                                            self->last_access_title : ""));
      return;
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  TestPortal *self = user_data;

  if (g_str_equal (interface_name, "org.waymark.TestPortal"))
    handle_control (self, method_name, parameters, invocation);
  else if (g_str_equal (method_name, "Screenshot"))
    handle_screenshot (self, invocation);
  else if (g_str_equal (method_name, "AccessDialog"))
    handle_access_dialog (self, parameters, invocation);
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(u@a{sv})", 2, empty_results ()));
}

/* Version 2 is what makes the frontend ask Access before the first non-interactive shot
 * and remember the answer in the permission store. */
static GVariant *
get_property (GDBusConnection  *connection,
              const char       *sender,
              const char       *object_path,
              const char       *interface_name,
              const char       *property_name,
              GError          **error,
              gpointer          user_data)
{
  return g_variant_new_uint32 (2);
}

static const GDBusInterfaceVTable vtable = { method_call, get_property, NULL };

static void
on_bus_acquired (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; info->interfaces[i] != NULL; i++)
    if (g_dbus_connection_register_object (connection, OBJECT_PATH, info->interfaces[i], &vtable,
                                           user_data, NULL, &error) == 0)
      g_error ("Cannot export %s: %s", info->interfaces[i]->name, error->message);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  TestPortal *self = user_data;

  g_printerr ("wm-test-portal: cannot own %s on the session bus\n", name);
  g_main_loop_quit (self->loop);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *out_dir = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("[FIXTURE.png…]");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Where screenshots are written", "DIR" },
    { NULL }
  };
  TestPortal self = { 0 };
  guint owner_id;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("wm-test-portal: %s\n", error->message);
      return 2;
    }

  self.out_dir = out_dir ? g_strdup (out_dir) : g_dir_make_tmp ("wm-test-portal-XXXXXX", NULL);
  g_mkdir_with_parents (self.out_dir, 0700);
  self.fixtures = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (self.fixtures, g_canonicalize_filename (argv[i], NULL));
  self.loop = g_main_loop_new (NULL, FALSE);

  owner_id = g_bus_own_name (G_BUS_TYPE_SESSION, BUS_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
                             on_bus_acquired, NULL, on_name_lost, &self, NULL);
  g_main_loop_run (self.loop);

  g_bus_unown_name (owner_id);
  g_main_loop_unref (self.loop);
  g_ptr_array_unref (self.fixtures);
  g_free (self.last_access_title);
  g_free (self.out_dir);

  return 1;
}
