/* wm-diff.c — what changed between two versions of a tutorial, step by step
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-diff"

#include "config.h"

#include "wm-diff.h"
#include "wm-util.h"

struct _WmDiff
{
  GObject       parent_instance;
  WmTutorial   *old_version;
  WmTutorial   *new_version;
  WmDiffFields  fields;
  GArray       *entries;   /* WmDiffEntry, steps referenced */
};

G_DEFINE_FINAL_TYPE (WmDiff, wm_diff, G_TYPE_OBJECT)

static void
clear_entry (gpointer data)
{
  WmDiffEntry *e = data;

  g_clear_object (&e->old_step);
  g_clear_object (&e->new_step);
}

static void
wm_diff_finalize (GObject *object)
{
  WmDiff *self = (WmDiff *) object;

  g_clear_object (&self->old_version);
  g_clear_object (&self->new_version);
  g_clear_pointer (&self->entries, g_array_unref);

  G_OBJECT_CLASS (wm_diff_parent_class)->finalize (object);
}

static void
wm_diff_class_init (WmDiffClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wm_diff_finalize;
}

static void
wm_diff_init (WmDiff *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (WmDiffEntry));
  g_array_set_clear_func (self->entries, clear_entry);
}

static WmDiffChange
compare_steps (WmStep *a,
               WmStep *b)
{
  WmDiffChange c = WM_DIFF_UNCHANGED;
  GPtrArray *aa = wm_step_get_annotations (a);
  GPtrArray *ab = wm_step_get_annotations (b);

  if (g_strcmp0 (wm_step_get_instruction (a), wm_step_get_instruction (b)) != 0 ||
      g_strcmp0 (wm_step_get_notes (a), wm_step_get_notes (b)) != 0 ||
      g_strcmp0 (wm_step_get_text (a), wm_step_get_text (b)) != 0)
    c |= WM_DIFF_TEXT_CHANGED;

  if (g_strcmp0 (wm_step_get_image_sha256 (a), wm_step_get_image_sha256 (b)) != 0)
    c |= WM_DIFF_SCREENSHOT_CHANGED;

  if (wm_step_get_kind (a) != wm_step_get_kind (b) || wm_step_get_x (a) != wm_step_get_x (b) ||
      wm_step_get_y (a) != wm_step_get_y (b))
    c |= WM_DIFF_ACTION_CHANGED;

  if (aa->len != ab->len)
    c |= WM_DIFF_ANNOTATIONS_CHANGED;
  for (guint i = 0; !(c & WM_DIFF_ANNOTATIONS_CHANGED) && i < aa->len; i++)
    if (!wm_annotation_equal (g_ptr_array_index (aa, i), g_ptr_array_index (ab, i)))
      c |= WM_DIFF_ANNOTATIONS_CHANGED;

  return c;
}

/* Marks as moved the common steps outside a longest common subsequence of the two
 * orders: the fewest steps a person would have to drag to get from one to the other. */
static void
mark_moved (GPtrArray *old_common,
            GPtrArray *new_common,
            gboolean  *moved)
{
  guint n = old_common->len, m = new_common->len;
  g_autofree guint *len = g_new0 (guint, (gsize) (n + 1) * (m + 1));
  guint i = n, j = m;

#define L(a, b) len[(gsize) (a) * (m + 1) + (b)]
  for (guint a = n; a-- > 0;)
    for (guint b = m; b-- > 0;)
      L (a, b) = g_str_equal (g_ptr_array_index (old_common, a), g_ptr_array_index (new_common, b))
                 ? L (a + 1, b + 1) + 1 : MAX (L (a + 1, b), L (a, b + 1));

  for (guint b = 0; b < m; b++)
    moved[b] = TRUE;

  for (i = 0, j = 0; i < n && j < m;)
    {
      if (g_str_equal (g_ptr_array_index (old_common, i), g_ptr_array_index (new_common, j)))
        moved[j++] = FALSE, i++;
      else if (L (i + 1, j) >= L (i, j + 1))
        i++;
      else
        j++;
    }
#undef L
}

static GHashTable *
index_steps (WmTutorial *t)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (wm_tutorial_get_steps (t));

  for (guint i = 0; i < n; i++)
    {
      WmStep *s = wm_tutorial_get_step (t, i);
      g_hash_table_insert (by_id, (gpointer) wm_step_get_id (s), s);
    }

  return by_id;
}

static void
append_entry (WmDiff       *self,
              WmDiffChange  changes,
              WmStep       *old_step,
              WmStep       *new_step)
{
  WmDiffEntry e = { changes, old_step ? g_object_ref (old_step) : NULL,
                    new_step ? g_object_ref (new_step) : NULL };

  g_array_append_val (self->entries, e);
}

/* Removed steps go right after the entry of the old step that preceded them. */
static void
emit_removed_after (WmDiff     *self,
                    WmTutorial *old_t,
                    guint      *next_old,
                    guint       upto,
                    GHashTable *new_ids)
{
  for (; *next_old < upto; (*next_old)++)
    {
      WmStep *s = wm_tutorial_get_step (old_t, *next_old);

      if (!g_hash_table_contains (new_ids, wm_step_get_id (s)))
        append_entry (self, WM_DIFF_REMOVED, s, NULL);
    }
}

static void
build_entries (WmDiff *self)
{
  WmTutorial *old_t = self->old_version, *new_t = self->new_version;
  g_autoptr(GHashTable) old_ids = index_steps (old_t);
  g_autoptr(GHashTable) new_ids = index_steps (new_t);
  g_autoptr(GPtrArray) old_common = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_common = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (wm_tutorial_get_steps (old_t));
  guint n_new = g_list_model_get_n_items (wm_tutorial_get_steps (new_t));
  g_autofree gboolean *moved = NULL;
  guint next_old = 0, c = 0;

  for (guint i = 0; i < n_old; i++)
    {
      const char *id = wm_step_get_id (wm_tutorial_get_step (old_t, i));
      if (g_hash_table_contains (new_ids, id))
        g_ptr_array_add (old_common, (gpointer) id);
    }
  for (guint i = 0; i < n_new; i++)
    {
      const char *id = wm_step_get_id (wm_tutorial_get_step (new_t, i));
      if (g_hash_table_contains (old_ids, id))
        g_ptr_array_add (new_common, (gpointer) id);
    }

  moved = g_new0 (gboolean, new_common->len + 1);
  mark_moved (old_common, new_common, moved);

  for (guint i = 0; i < n_new; i++)
    {
      WmStep *s = wm_tutorial_get_step (new_t, i);
      WmStep *o = g_hash_table_lookup (old_ids, wm_step_get_id (s));

      if (o == NULL)
        {
          append_entry (self, WM_DIFF_ADDED, NULL, s);
          continue;
        }

      /* Removed steps that stood before this one's old place come first, unless it moved. */
      if (!moved[c])
        emit_removed_after (self, old_t, &next_old, wm_step_get_position (o), new_ids);
      append_entry (self, compare_steps (o, s) | (moved[c] ? WM_DIFF_MOVED : 0), o, s);
      c++;
    }

  emit_removed_after (self, old_t, &next_old, n_old, new_ids);
}

static WmDiffFields
compare_fields (WmTutorial *a,
                WmTutorial *b)
{
  WmDiffFields f = 0;

  if (g_strcmp0 (wm_tutorial_get_title (a), wm_tutorial_get_title (b)) != 0)
    f |= WM_DIFF_FIELD_TITLE;
  if (g_strcmp0 (wm_str_or_null (wm_tutorial_get_summary (a)),
                 wm_str_or_null (wm_tutorial_get_summary (b))) != 0)
    f |= WM_DIFF_FIELD_SUMMARY;
  if (wm_tutorial_get_stage (a) != wm_tutorial_get_stage (b))
    f |= WM_DIFF_FIELD_STAGE;
  if (!g_strv_equal (wm_tutorial_get_roles (a), wm_tutorial_get_roles (b)))
    f |= WM_DIFF_FIELD_ROLES;

  return f;
}

WmDiff *
wm_diff_new (WmTutorial *old_version,
             WmTutorial *new_version)
{
  WmDiff *self;

  g_return_val_if_fail (WM_IS_TUTORIAL (old_version), NULL);
  g_return_val_if_fail (WM_IS_TUTORIAL (new_version), NULL);

  self = g_object_new (WM_TYPE_DIFF, NULL);
  self->old_version = g_object_ref (old_version);
  self->new_version = g_object_ref (new_version);
  self->fields = compare_fields (old_version, new_version);
  build_entries (self);

  return self;
}

WmTutorial *
wm_diff_get_old (WmDiff *self)
{
  g_return_val_if_fail (WM_IS_DIFF (self), NULL);
  return self->old_version;
}

WmTutorial *
wm_diff_get_new (WmDiff *self)
{
  g_return_val_if_fail (WM_IS_DIFF (self), NULL);
  return self->new_version;
}

WmDiffFields
wm_diff_get_fields (WmDiff *self)
{
  g_return_val_if_fail (WM_IS_DIFF (self), 0);
  return self->fields;
}

guint
wm_diff_get_n_entries (WmDiff *self)
{
  g_return_val_if_fail (WM_IS_DIFF (self), 0);
  return self->entries->len;
}

const WmDiffEntry *
wm_diff_get_entry (WmDiff *self,
                   guint   index)
{
  g_return_val_if_fail (WM_IS_DIFF (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return &g_array_index (self->entries, WmDiffEntry, index);
}

guint
wm_diff_count_changes (WmDiff *self)
{
  guint n = 0;

  g_return_val_if_fail (WM_IS_DIFF (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_array_index (self->entries, WmDiffEntry, i).changes != WM_DIFF_UNCHANGED)
      n++;

  return n;
}

gboolean
wm_diff_is_empty (WmDiff *self)
{
  g_return_val_if_fail (WM_IS_DIFF (self), TRUE);
  return self->fields == 0 && wm_diff_count_changes (self) == 0;
}
