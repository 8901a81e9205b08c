/* test-window.c — the main window: first start, library, search, filters, journey map,
 * new/duplicate/delete with undo, all driven through the window's actions
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "app-test-util.h"
#include "wm-journey-map.h"
#include "wm-preferences-window.h"

static guint
store_count (WmStore *store)
{
  WmFilter all = WM_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint n = wm_store_count_tutorials (store, &all, &error);

  g_assert_no_error (error);
  return n;
}

static guint
library_count (AppFixture *f)
{
  return g_list_model_get_n_items (wm_window_get_library (f->window));
}

static void
activate (AppFixture *f,
          const char *action,
          GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), action, param));
  app_spin (30);
}

/* How different the pixels of a texture are from its first: a blank window scores 0. */
static guint
count_colours (GdkTexture *texture)
{
  gsize stride;
  g_autofree guchar *data = app_download (texture, &stride);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < gdk_texture_get_height (texture); y += 3)
    for (int x = 0; x < gdk_texture_get_width (texture); x += 3)
      g_hash_table_add (seen, GUINT_TO_POINTER (app_pixel (data, stride, x, y)));

  return g_hash_table_size (seen);
}

static gboolean
first_row_has_thumbnail (gpointer data)
{
  AppFixture *f = data;
  g_autoptr(WmTutorial) first = g_list_model_get_item (wm_window_get_library (f->window), 0);

  /* The thumbnail is decoded in a worker; once cached, it is on screen. */
  return first != NULL && wm_tutorial_get_thumbnail_sha256 (first) != NULL;
}

static void
test_first_start (void)
{
  AppFixture f = { 0 };
  g_autoptr(WmTutorial) sample = NULL;
  g_autoptr(WmTutorial) loaded = NULL;
  g_autoptr(GdkTexture) shot = NULL;

  app_fixture_set_up (&f, TRUE);
  app_fixture_show (&f);

  /* A new user sees what Waymark makes: one short sample, with screenshots. */
  g_assert_cmpuint (store_count (f.store), ==, 1);
  g_assert_cmpuint (library_count (&f), ==, 1);
  sample = g_list_model_get_item (wm_window_get_library (f.window), 0);
  g_assert_cmpstr (wm_tutorial_get_title (sample), ==, "Create your first report");
  loaded = wm_store_load_tutorial (f.store, wm_tutorial_get_id (sample), TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (loaded)), ==, 3);
  g_assert_true (g_settings_get_boolean (f.settings, "sample-offered"));
  app_wait_until (first_row_has_thumbnail, &f, 5000);
  app_spin (300);

  shot = app_render (GTK_WIDGET (f.window));
  g_assert_cmpuint (count_colours (shot), >, 50);
  g_assert_cmpstr (wm_window_get_visible_page (f.window), ==, "library");

  app_fixture_tear_down (&f);

  /* Deleting the sample is final: the next start does not bring it back. */
  app_fixture_set_up (&f, FALSE);
  app_fixture_show (&f);
  g_assert_cmpuint (store_count (f.store), ==, 0);
  app_fixture_tear_down (&f);
}

static const struct {
  const char *title;
  WmStage     stage;
  const char *role;
} library[] = {
  { "Invite your team", WM_STAGE_FIRST_EXPOSURE, "admin" },
  { "Set up single sign-on", WM_STAGE_ORIENTATION, "admin" },
  { "Configure invoice reminders", WM_STAGE_COMPETENCY, "admin" },
  { "Send your first invoice", WM_STAGE_ORIENTATION, "everyday user" },
  { "Check an invoice before sending", WM_STAGE_RAMP_AND_PRACTICE, "everyday user" },
  { "Export a report", WM_STAGE_COMPETENCY, "everyday user" },
  { "What dashboards show", WM_STAGE_FIRST_EXPOSURE, "everyday user" },
  { "Refresh: closing the month", WM_STAGE_REFRESHER, "everyday user" },
  { "Approve expense claims", WM_STAGE_ORIENTATION, "manager" },
};

static void
fill_library (AppFixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (library); i++)
    g_object_unref (app_make_tutorial (f->store, library[i].title, library[i].stage,
                                       library[i].role, i % 3 + 1));
}

static void
test_search_and_filters (void)
{
  AppFixture f = { 0 };
  g_autoptr(WmTutorial) first = NULL;

  app_fixture_set_up (&f, FALSE);
  fill_library (&f);
  app_fixture_show (&f);
  g_assert_cmpuint (library_count (&f), ==, G_N_ELEMENTS (library));

  /* Full-text search, as typed. */
  activate (&f, "win.set-search", g_variant_new_string ("invoice"));
  g_assert_cmpuint (library_count (&f), ==, 3);
  first = g_list_model_get_item (wm_window_get_library (f.window), 0);
  g_assert_nonnull (strstr (wm_tutorial_get_title (first), "nvoice"));

  /* Search and a role filter together narrow further. */
  activate (&f, "win.filter-role", g_variant_new_string ("admin"));
  g_assert_cmpuint (library_count (&f), ==, 1);

  activate (&f, "win.clear-filters", NULL);
  g_assert_cmpuint (library_count (&f), ==, G_N_ELEMENTS (library));

  activate (&f, "win.filter-stage", g_variant_new_string ("orientation"));
  g_assert_cmpuint (library_count (&f), ==, 3);
  activate (&f, "win.filter-status", g_variant_new_string ("approved"));
  g_assert_cmpuint (library_count (&f), ==, 0);
  app_spin (100);
  activate (&f, "win.clear-filters", NULL);

  /* Nothing matches: the list says so instead of staying blank. */
  activate (&f, "win.set-search", g_variant_new_string ("zzzzunknownword"));
  g_assert_cmpuint (library_count (&f), ==, 0);
  activate (&f, "win.clear-filters", NULL);

  app_fixture_tear_down (&f);
}

static void
test_journey_map (void)
{
  AppFixture f = { 0 };
  WmJourneyMap *map;
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(GdkTexture) library_shot = NULL;

  app_fixture_set_up (&f, FALSE);
  fill_library (&f);
  app_fixture_show (&f);
  map = wm_window_get_journey_map (f.window);

  activate (&f, "win.show-journey", NULL);
  g_assert_cmpstr (wm_window_get_visible_page (f.window), ==, "journey");
  g_assert_cmpuint (wm_journey_map_get_count (map, "admin", WM_STAGE_ORIENTATION), ==, 1);
  g_assert_cmpuint (wm_journey_map_get_count (map, "everyday user", WM_STAGE_COMPETENCY), ==, 1);
  g_assert_cmpuint (wm_journey_map_get_count (map, "manager", WM_STAGE_REFRESHER), ==, 0);
  /* admin: 2 gaps, everyday user: 0, manager: 4. */
  g_assert_cmpuint (wm_journey_map_get_n_gaps (map), ==, 6);
  app_spin (300);
  shot = app_render (GTK_WIDGET (f.window));
  app_save_screenshot (shot, "journey-map.png");

  /* A cell filters the library to its role and stage. */
  activate (&f, "win.filter-journey-cell", g_variant_new ("(ss)", "everyday user",
                                                          "orientation"));
  g_assert_cmpstr (wm_window_get_visible_page (f.window), ==, "library");
  g_assert_cmpuint (library_count (&f), ==, 1);
  activate (&f, "win.clear-filters", NULL);
  app_spin (600);
  library_shot = app_render (GTK_WIDGET (f.window));
  app_save_screenshot (library_shot, "library.png");

  /* A new tutorial fills a gap at once. */
  g_object_unref (app_make_tutorial (f.store, "Approving in bulk", WM_STAGE_REFRESHER,
                                     "manager", 0));
  wm_window_library_changed (f.window);
  g_assert_cmpuint (wm_journey_map_get_count (map, "manager", WM_STAGE_REFRESHER), ==, 1);
  g_assert_cmpuint (wm_journey_map_get_n_gaps (map), ==, 5);

  app_fixture_tear_down (&f);
}

static void
test_new_duplicate_delete_undo (void)
{
  AppFixture f = { 0 };
  g_autoptr(WmTutorial) original = NULL;
  g_autoptr(WmTutorial) restored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WmFilter all = WM_FILTER_INIT;
  const char *id;

  app_fixture_set_up (&f, FALSE);
  original = app_make_tutorial (f.store, "Send your first invoice", WM_STAGE_ORIENTATION,
                                "everyday user", 3);
  id = wm_tutorial_get_id (original);
  app_fixture_show (&f);

  /* New: an empty tutorial, saved at once and open in the editor. */
  activate (&f, "win.new-tutorial", NULL);
  g_assert_cmpuint (store_count (f.store), ==, 2);
  g_assert_cmpstr (wm_window_get_visible_page (f.window), ==, "editor");
  activate (&f, "win.show-library", NULL);
  g_assert_cmpuint (library_count (&f), ==, 2);

  /* Duplicate: a new id and a fresh draft with the same steps. */
  activate (&f, "win.duplicate-tutorial", g_variant_new_string (id));
  g_assert_cmpuint (store_count (f.store), ==, 3);
  all.search = "Copy";
  rows = wm_store_list_tutorials (f.store, &all, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (wm_tutorial_get_title (g_ptr_array_index (rows, 0)), ==,
                   "Send your first invoice (Copy)");
  g_assert_cmpstr (wm_tutorial_get_id (g_ptr_array_index (rows, 0)), !=, id);
  g_assert_cmpuint (wm_tutorial_get_n_steps (g_ptr_array_index (rows, 0)), ==, 3);

  /* Delete, then Undo from the toast: everything comes back, steps included. */
  activate (&f, "win.delete-tutorial", g_variant_new_string (id));
  g_assert_cmpuint (store_count (f.store), ==, 2);
  g_assert_cmpuint (library_count (&f), ==, 2);
  activate (&f, "win.undo-delete", g_variant_new_string (id));
  g_assert_cmpuint (store_count (f.store), ==, 3);
  restored = wm_store_load_tutorial (f.store, id, TRUE, NULL);
  g_assert_nonnull (restored);
  g_assert_cmpuint (g_list_model_get_n_items (wm_tutorial_get_steps (restored)), ==, 3);
  g_assert_cmpstr (wm_step_get_instruction (wm_tutorial_get_step (restored, 2)), ==,
                   "Click button 3");

  app_fixture_tear_down (&f);
}

static void
test_unreadable_library (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                 "Cannot open library “x.db”: it is damaged");
  WmWindow *window = wm_window_new (NULL, NULL, settings, error);

  /* No library: the window explains why and offers nothing that would write. */
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  app_spin (100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-tutorial", NULL);
  app_spin (50);
  g_assert_cmpstr (wm_window_get_visible_page (window), ==, "library");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *css_class,
                 gboolean    with)
{
  if (gtk_widget_has_css_class (widget, "journey-cell") &&
      gtk_widget_has_css_class (widget, css_class) == with)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class, with);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
luminance_at (GdkTexture *shot,
              GtkWidget  *window,
              GtkWidget  *widget)
{
  gsize stride;
  g_autofree guchar *data = app_download (shot, &stride);
  graphene_rect_t bounds;
  guint32 pixel;

  /* Just inside the widget's top-left corner, past its rounded edge. */
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  pixel = app_pixel (data, stride, bounds.origin.x + 16, bounds.origin.y + 16);
  /* BGRA in memory: 0.2126 R + 0.7152 G + 0.0722 B. */
  return (2126 * ((pixel >> 16) & 0xff) + 7152 * ((pixel >> 8) & 0xff) +
          722 * (pixel & 0xff)) / 10000;
}

static void
test_dark_style (void)
{
  AppFixture f = { 0 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GtkCssProvider) dark_css = gtk_css_provider_new ();
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  GtkWidget *map, *cell, *gap;
  guint light_bg, dark_bg, dark_cell, dark_gap;

  app_fixture_set_up (&f, FALSE);
  fill_library (&f);
  app_fixture_show (&f);
  activate (&f, "win.show-journey", NULL);
  app_spin (300);
  map = GTK_WIDGET (wm_window_get_journey_map (f.window));
  cell = find_with_class (map, "gap", FALSE);
  gap = find_with_class (map, "gap", TRUE);
  g_assert_nonnull (cell);
  g_assert_nonnull (gap);
  light = app_render (GTK_WIDGET (f.window));
  light_bg = luminance_at (light, GTK_WIDGET (f.window), map);

  /* What the app does for Preferences' Dark (AdwApplication adds style-dark.css). */
  gtk_css_provider_load_from_resource (dark_css, "/org/waymark/Waymark/style-dark.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (dark_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  app_spin (300);
  dark = app_render (GTK_WIDGET (f.window));
  app_save_screenshot (dark, "journey-map-dark.png");
  dark_bg = luminance_at (dark, GTK_WIDGET (f.window), map);
  dark_cell = luminance_at (dark, GTK_WIDGET (f.window), cell);
  dark_gap = luminance_at (dark, GTK_WIDGET (f.window), gap);

  /* The page turns dark, and cells and gaps still stand apart from it and each other. */
  g_assert_cmpuint (light_bg, >, 180);
  g_assert_cmpuint (dark_bg, <, 80);
  g_assert_cmpuint (dark_cell, !=, dark_bg);
  g_assert_cmpuint (dark_gap, !=, dark_cell);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (dark_css));
  app_fixture_tear_down (&f);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title_prefix)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                        title_prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title_prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_preferences (void)
{
  AppFixture f = { 0 };
  WmPreferencesWindow *prefs;
  GtkWidget *location, *email, *countdown, *web, *keys;
  g_autoptr(GdkTexture) shot = NULL;
  g_autofree char *saved = NULL;

  app_fixture_set_up (&f, FALSE);
  g_settings_set_string (f.settings, "author-name", "Alice Author");
  prefs = wm_preferences_window_new (f.settings);
  gtk_window_set_default_size (GTK_WINDOW (prefs), 560, 1000);
  gtk_window_present (GTK_WINDOW (prefs));
  app_spin (300);

  /* Each row shows its setting, and what is typed there is the setting at once. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (prefs),
                                                                  "Author Name"))), ==,
                   "Alice Author");
  location = find_row (GTK_WIDGET (prefs), "Shared Library");
  email = find_row (GTK_WIDGET (prefs), "Email");
  countdown = find_row (GTK_WIDGET (prefs), "Countdown");
  g_assert_nonnull (location);
  g_assert_nonnull (email);
  g_assert_nonnull (countdown);
  web = find_row (GTK_WIDGET (prefs), "Its Web Address");
  g_assert_nonnull (web);
  gtk_editable_set_text (GTK_EDITABLE (web), "https://help.example.com/tutorials/");
  gtk_editable_set_text (GTK_EDITABLE (location), "sftp://help.example.com/srv/tutorials");
  gtk_editable_set_text (GTK_EDITABLE (email), "alice@example.org");
  saved = g_settings_get_string (f.settings, "shared-library");
  g_assert_cmpstr (saved, ==, "sftp://help.example.com/srv/tutorials");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (f.settings, "author-email");
  g_assert_cmpstr (saved, ==, "alice@example.org");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (f.settings, "publish-base-url");
  g_assert_cmpstr (saved, ==, "https://help.example.com/tutorials/");
  /* Record Typing and Shortcuts: on by default, the switch turns the setting off. */
  keys = find_row (GTK_WIDGET (prefs), "Record Typing");
  g_assert_nonnull (keys);
  keys = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (keys));
  g_assert_true (GTK_IS_SWITCH (keys));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (keys)));
  gtk_switch_set_active (GTK_SWITCH (keys), FALSE);
  g_assert_false (g_settings_get_boolean (f.settings, "capture-keys"));
  gtk_switch_set_active (GTK_SWITCH (keys), TRUE);
  g_assert_true (g_settings_get_boolean (f.settings, "capture-keys"));
  g_settings_set_uint (f.settings, "capture-countdown", 3);
  app_spin (100);
  shot = app_render (GTK_WIDGET (prefs));
  app_save_screenshot (shot, "preferences.png");

  gtk_window_destroy (GTK_WINDOW (prefs));
  app_fixture_tear_down (&f);
}

static guint
count_of_type (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_of_type (c, type);
  return n;
}

static AdwViewStack *
find_view_stack_with (GtkWidget  *widget,
                      const char *page)
{
  if (ADW_IS_VIEW_STACK (widget) &&
      adw_view_stack_get_child_by_name (ADW_VIEW_STACK (widget), page) != NULL)
    return ADW_VIEW_STACK (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwViewStack *found = find_view_stack_with (c, page);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first frame shows the library: the editor and the review pages are made the first
 * time they are needed — the Review tab, opening a tutorial, reviewing one — once each. */
static void
test_pages_on_first_use (void)
{
  AppFixture f = { 0 };
  g_autoptr(WmTutorial) t = NULL;
  GtkWidget *window;
  AdwViewStack *tabs;

  app_fixture_set_up (&f, FALSE);
  t = app_make_tutorial (f.store, "Invite your team", WM_STAGE_FIRST_EXPOSURE, "admin", 2);
  app_fixture_show (&f);
  window = GTK_WIDGET (f.window);

  g_assert_cmpuint (count_of_type (window, WM_TYPE_EDITOR), ==, 0);
  g_assert_cmpuint (count_of_type (window, WM_TYPE_REVIEW_QUEUE), ==, 0);
  g_assert_cmpuint (count_of_type (window, WM_TYPE_REVIEW_VIEW), ==, 0);

  /* The user picks the Review tab of the switcher. */
  tabs = find_view_stack_with (window, "journey");
  g_assert_nonnull (tabs);
  adw_view_stack_set_visible_child_name (tabs, "review");
  app_spin (100);
  g_assert_cmpuint (count_of_type (window, WM_TYPE_REVIEW_QUEUE), ==, 1);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (wm_window_get_review_queue (f.window)),
                                         window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_review_queue (f.window))));
  g_assert_cmpuint (count_of_type (window, WM_TYPE_EDITOR), ==, 0);

  activate (&f, "win.open-tutorial", g_variant_new_string (wm_tutorial_get_id (t)));
  app_spin (400);
  g_assert_cmpstr (wm_window_get_visible_page (f.window), ==, "editor");
  g_assert_cmpuint (count_of_type (window, WM_TYPE_EDITOR), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_editor (f.window))));
  g_assert_cmpstr (wm_editor_get_tutorial_id (wm_window_get_editor (f.window)), ==,
                   wm_tutorial_get_id (t));

  activate (&f, "win.show-library", NULL);
  activate (&f, "win.open-tutorial", g_variant_new_string (wm_tutorial_get_id (t)));
  g_assert_cmpuint (count_of_type (window, WM_TYPE_EDITOR), ==, 1);

  activate (&f, "win.review-tutorial", g_variant_new_string (wm_tutorial_get_id (t)));
  app_spin (400);
  g_assert_cmpstr (wm_window_get_visible_page (f.window), ==, "review-tutorial");
  g_assert_cmpuint (count_of_type (window, WM_TYPE_REVIEW_VIEW), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wm_window_get_review_view (f.window))));
  g_assert_cmpstr (wm_review_view_get_tutorial_id (wm_window_get_review_view (f.window)), ==,
                   wm_tutorial_get_id (t));
  g_assert_cmpuint (count_of_type (window, WM_TYPE_REVIEW_QUEUE), ==, 1);

  app_fixture_tear_down (&f);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/window/first-start-sample", test_first_start);
  g_test_add_func ("/app/window/search-and-filters", test_search_and_filters);
  g_test_add_func ("/app/window/journey-map", test_journey_map);
  g_test_add_func ("/app/window/new-duplicate-delete-undo", test_new_duplicate_delete_undo);
  g_test_add_func ("/app/window/unreadable-library", test_unreadable_library);
  g_test_add_func ("/app/window/preferences", test_preferences);
  g_test_add_func ("/app/window/dark-style", test_dark_style);
  g_test_add_func ("/app/window/pages-on-first-use", test_pages_on_first_use);

  return g_test_run ();
}
