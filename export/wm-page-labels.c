/* wm-page-labels.c — the words exported pages say of their own, in the export's language
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The player, the site's scripts and the widget run where there is no gettext, so every
 * word they show is translated here, at export time, and travels with the page as data.
 * Each script keeps the English text as its fallback: a label missing here still reads.
 */
#define G_LOG_DOMAIN "wm-page-labels"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wm-enums.h"
#include "wm-language.h"
#include "wm-page-labels.h"

/* A plural pair for xgettext (--keyword=NN_:1,2 in po/meson.build). */
#define NN_(singular, plural) singular, plural

typedef struct {
  const char *key;
  const char *msgid;
  const char *msgid_plural;   /* non-NULL: a count picks the form */
} Label;

/* Placeholders in braces ({n}, {total}, {title}, {text}, {q}, {shown}, {date}) are filled
 * in by the page's script; keep them, in any order the sentence needs. */
static const Label labels[] = {
  /* The player's modes and controls. */
  /* TRANSLATORS: a mode of the tutorial player: the reader clicks each step themselves */
  { "try", N_("Try it") },
  /* TRANSLATORS: a mode of the tutorial player: the steps play by themselves */
  { "watch", N_("Watch") },
  /* TRANSLATORS: a mode of the tutorial player: every step on one page */
  { "view", N_("View") },
  { "modes", N_("How to follow this tutorial") },
  /* TRANSLATORS: a button of the tutorial player: the previous step */
  { "back", N_("Back") },
  /* TRANSLATORS: a button of the tutorial player: the next step */
  { "next", N_("Next") },
  { "restart", N_("Restart") },
  { "pause", N_("Pause") },
  { "play", N_("Play") },
  /* TRANSLATORS: {n} is the step shown, {total} how many steps the tutorial has */
  { "stepOf", N_("Step {n} of {total}") },
  { "progress", N_("Progress") },
  /* TRANSLATORS: shown when the reader clicked beside the spot a step asks for */
  { "hint", N_("Not quite: click the highlighted spot, or press Enter.") },
  /* TRANSLATORS: the spoken name of the spot to click; {text} is the step's instruction */
  { "hotspot", N_("Do this step: {text}") },
  { "continue", N_("Continue") },
  { "doneTitle", N_("Well done!") },
  /* TRANSLATORS: at the end of a tutorial of {total} steps; {title} is its title */
  { "doneText", NN_("You completed the one step of “{title}”.",
                    "You completed all {total} steps of “{title}”.") },
  { "reviewAll", N_("See all steps") },
  /* TRANSLATORS: the label of the player's search box */
  { "search", N_("Find a step") },
  /* TRANSLATORS: {q} is what the reader searched for */
  { "noMatch", N_("No step matches “{q}”.") },
  /* TRANSLATORS: {n} steps of the tutorial's {total} match the reader's search */
  { "matches", NN_("{n} of {total} steps matches.", "{n} of {total} steps match.") },
  /* TRANSLATORS: a screenshot's description; {n} is the step's number, {text} its
   * instruction */
  { "screenshot", N_("Screenshot for step {n}: {text}") },
  { "finished", N_("Tutorial complete.") },
  /* TRANSLATORS: how fast the Watch mode plays */
  { "speed", N_("Speed") },

  /* The published library: its catalogue and tutorial pages. */
  /* TRANSLATORS: how many steps a tutorial has, on its card in a published library */
  { "steps", NN_("{n} step", "{n} steps") },
  /* TRANSLATORS: how many tutorials a published library lists */
  { "tutorials", NN_("{n} tutorial", "{n} tutorials") },
  /* TRANSLATORS: {shown} tutorials of the library's {total} match the reader's filters */
  { "shownOf", NN_("{shown} of {total} tutorial", "{shown} of {total} tutorials") },
  /* TRANSLATORS: {date} is when a tutorial was last published, e.g. "3 Dec 2026" */
  { "updated", N_("Updated {date}") },
  /* TRANSLATORS: the list of roles (job titles) a tutorial is for */
  { "roles", N_("Roles") },
  { "noTutorial", N_("No tutorial matches. Try another word, role or stage.") },
  { "copied", N_("Copied to the clipboard.") },
  { "copyByHand", N_("Select the text and copy it.") },

  /* The in-app help widget a web application embeds. */
  /* TRANSLATORS: the widget's button on a web application's pages */
  { "help", N_("Help") },
  { "closeHelp", N_("Close help") },
  { "searchTutorials", N_("Search tutorials") },
  { "tutorialList", N_("Tutorials") },
  { "loading", N_("Loading tutorials…") },
  { "allTutorials", N_("All tutorials") },
  { "openNewTab", N_("Open in a new tab") },
  { "closeTutorial", N_("Close tutorial") },
  { "tutorial", N_("Tutorial") },
  { "noTutorialShort", N_("No tutorial matches.") },
  { "loadFailed", N_("The tutorials could not be loaded.") },
};

/* Each plural form of @label, in the catalogue's order: the form for the first count the
 * plural rule sends to each index. */
static JsonNode *
plural_forms (const char  *language,
              const char  *table,
              const Label *label)
{
  g_autoptr(JsonArray) forms = json_array_new ();

  for (guint index = 0; index < 10; index++)
    {
      const char *digit = strchr (table, '0' + index);

      if (digit == NULL)
        break;
      json_array_add_string_element (forms, wm_language_ngettext (language, label->msgid,
                                                                  label->msgid_plural,
                                                                  digit - table));
    }

  return json_node_init_array (json_node_alloc (), forms);
}

JsonNode *
wm_page_labels_build (const char *language)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *tag = wm_language_get_tag (language);
  g_autofree char *table = wm_language_plural_table (language);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, tag);
  json_builder_set_member_name (builder, "plural");
  json_builder_add_string_value (builder, table);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      json_builder_set_member_name (builder, labels[i].key);
      if (labels[i].msgid_plural != NULL)
        json_builder_add_value (builder, plural_forms (language, table, &labels[i]));
      else
        json_builder_add_string_value (builder, wm_language_gettext (language, labels[i].msgid));
    }
  /* Stage titles for the widget, which has no page around it to take them from. */
  for (guint s = 0; s < WM_N_STAGES; s++)
    {
      g_autofree char *key = g_strconcat ("stage-", wm_stage_to_string (s), NULL);
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, wm_stage_get_title_in (s, language));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
