/* wm-language.c — Waymark's messages in a language other than the process's own
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "wm-language"

#include "config.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <string.h>

#include "wm-language.h"

G_DEFINE_QUARK (wm-language-error-quark, wm_language_error)

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MO_MAX_SIZE      (16 * 1024 * 1024)

/* One language's waymark.mo, read once and kept for the life of the process (as gettext
 * keeps its own). Messages point into @data. */
typedef struct {
  char       *data;
  GHashTable *messages;      /* msgid (singular) → msgstr (forms separated by NULs) */
  GHashTable *lengths;       /* msgid → length of its msgstr, all forms */
  char       *plural;        /* the Plural-Forms expression, "n != 1" without one */
} Catalogue;

G_LOCK_DEFINE_STATIC (catalogues);
static GHashTable *catalogues;   /* language → Catalogue*, NULL for a language without one */

/* --- Plural-Forms ------------------------------------------------------------------- */

/* A C expression in n: ?:, ||, &&, == !=, < > <= >=, + -, * / %, !, parentheses, numbers.
 * Parsed and evaluated in one recursive descent; a malformed rule gives -1. */
typedef struct {
  const char *p;
  gulong      n;
  gboolean    bad;
} Plural;

static glong plural_ternary (Plural *s);

static void
plural_skip (Plural *s)
{
  while (*s->p == ' ' || *s->p == '\t' || *s->p == '\n')
    s->p++;
}

static gboolean
plural_eat (Plural     *s,
            const char *token)
{
  gsize len = strlen (token);

  plural_skip (s);
  if (strncmp (s->p, token, len) != 0)
    return FALSE;
  /* "<" must not take the first half of "<=", "!" not that of "!=". */
  if (len == 1 && (token[0] == '<' || token[0] == '>' || token[0] == '!' || token[0] == '=')
      && s->p[1] == '=')
    return FALSE;
  s->p += len;
  return TRUE;
}

static glong
plural_primary (Plural *s)
{
  plural_skip (s);
  if (plural_eat (s, "!"))
    return !plural_primary (s);
  if (plural_eat (s, "("))
    {
      glong v = plural_ternary (s);
      if (!plural_eat (s, ")"))
        s->bad = TRUE;
      return v;
    }
  if (*s->p == 'n')
    {
      s->p++;
      return (glong) s->n;
    }
  if (g_ascii_isdigit (*s->p))
    {
      char *end;
      glong v = (glong) g_ascii_strtoull (s->p, &end, 10);
      s->p = end;
      return v;
    }
  s->bad = TRUE;
  return 0;
}

static glong
plural_product (Plural *s)
{
  glong v = plural_primary (s);

  for (;;)
    {
      glong r;
      if (plural_eat (s, "*"))
        v *= plural_primary (s);
      else if (plural_eat (s, "/"))
        v = (r = plural_primary (s)) != 0 ? v / r : (s->bad = TRUE, 0);
      else if (plural_eat (s, "%"))
        v = (r = plural_primary (s)) != 0 ? v % r : (s->bad = TRUE, 0);
      else
        return v;
    }
}

static glong
plural_sum (Plural *s)
{
  glong v = plural_product (s);

  for (;;)
    {
      if (plural_eat (s, "+"))
        v += plural_product (s);
      else if (plural_eat (s, "-"))
        v -= plural_product (s);
      else
        return v;
    }
}

static glong
plural_relation (Plural *s)
{
  glong v = plural_sum (s);

  for (;;)
    {
      if (plural_eat (s, "<="))
        v = v <= plural_sum (s);
      else if (plural_eat (s, ">="))
        v = v >= plural_sum (s);
      else if (plural_eat (s, "<"))
        v = v < plural_sum (s);
      else if (plural_eat (s, ">"))
        v = v > plural_sum (s);
      else
        return v;
    }
}

static glong
plural_equality (Plural *s)
{
  glong v = plural_relation (s);

  for (;;)
    {
      if (plural_eat (s, "=="))
        v = v == plural_relation (s);
      else if (plural_eat (s, "!="))
        v = v != plural_relation (s);
      else
        return v;
    }
}

static glong
plural_and (Plural *s)
{
  glong v = plural_equality (s);

  while (plural_eat (s, "&&"))
    v = plural_equality (s) && v;
  return v;
}

static glong
plural_or (Plural *s)
{
  glong v = plural_and (s);

  while (plural_eat (s, "||"))
    v = plural_and (s) || v;
  return v;
}

static glong
plural_ternary (Plural *s)
{
  glong cond = plural_or (s);
  glong yes, no;

  if (!plural_eat (s, "?"))
    return cond;
  yes = plural_ternary (s);
  if (!plural_eat (s, ":"))
    s->bad = TRUE;
  no = plural_ternary (s);
  return cond ? yes : no;
}

static guint
plural_index (const char *rule,
              gulong      n)
{
  Plural s = { rule, n, FALSE };
  glong v = plural_ternary (&s);

  plural_skip (&s);
  if (s.bad || (*s.p != '\0' && *s.p != ';') || v < 0 || v > 9)
    return n != 1;
  return (guint) v;
}

/* --- Reading a catalogue ------------------------------------------------------------ */

static guint32
read_u32 (const char *data,
          gsize       offset,
          gboolean    swapped)
{
  guint32 v;

  memcpy (&v, data + offset, sizeof v);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The string of table entry @i, checked to lie inside the file and end in a NUL. */
static const char *
mo_string (const char *data,
           gsize       size,
           guint32     table,
           guint32     i,
           gboolean    swapped,
           guint32    *length)
{
  gsize entry = (gsize) table + (gsize) i * 8;
  guint32 len, offset;

  if (entry + 8 > size)
    return NULL;
  len = read_u32 (data, entry, swapped);
  offset = read_u32 (data, entry + 4, swapped);
  if ((gsize) offset + len >= size || data[(gsize) offset + len] != '\0')
    return NULL;
  *length = len;
  return data + offset;
}

static char *
header_plural (const char *header)
{
  const char *at = header != NULL ? strstr (header, "plural=") : NULL;
  const char *end;

  if (at == NULL)
    return g_strdup ("n != 1");
  at += strlen ("plural=");
  end = strpbrk (at, ";\n");
  return end != NULL ? g_strndup (at, end - at) : g_strdup (at);
}

static Catalogue *
catalogue_parse (char  *data,
                 gsize  size)
{
  Catalogue *c;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (size < 28)
    return NULL;
  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return NULL;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);

  c = g_new0 (Catalogue, 1);
  c->data = data;
  c->messages = g_hash_table_new (g_str_hash, g_str_equal);
  c->lengths = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len, str_len;
      const char *id = mo_string (data, size, originals, i, swapped, &id_len);
      const char *str = mo_string (data, size, translations, i, swapped, &str_len);

      if (id == NULL || str == NULL)
        break;
      if (id[0] == '\0')
        c->plural = header_plural (str);
      else if (str_len > 0)
        {
          g_hash_table_insert (c->messages, (gpointer) id, (gpointer) str);
          g_hash_table_insert (c->lengths, (gpointer) id, GUINT_TO_POINTER (str_len));
        }
    }
  if (c->plural == NULL)
    c->plural = g_strdup ("n != 1");

  return c;
}

/* <dir>/<name>/LC_MESSAGES/waymark.mo, where <dir> is where gettext looks for Waymark's
 * own messages (the build's po/ folder when run from a build, else the installed one). */
static char *
catalogue_path (const char *name)
{
  const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *file = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);

  return g_build_filename (dir != NULL ? dir : "/usr/share/locale", name, "LC_MESSAGES", file,
                           NULL);
}

static Catalogue *
catalogue_load (const char *name)
{
  g_autofree char *path = catalogue_path (name);
  char *data = NULL;
  gsize size = 0;
  Catalogue *c;

  if (!g_file_get_contents (path, &data, &size, NULL))
    return NULL;
  if (size > MO_MAX_SIZE || (c = catalogue_parse (data, size)) == NULL)
    {
      g_warning ("%s is not a message catalogue; its language is left untranslated", path);
      g_free (data);
      return NULL;
    }
  return c;
}

/* The catalogue for @language, or NULL (English, or none installed). */
static Catalogue *
catalogue_get (const char *language)
{
  Catalogue *c;

  G_LOCK (catalogues);
  if (catalogues == NULL)
    catalogues = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (catalogues, language, NULL, (gpointer *) &c))
    {
      c = catalogue_load (language);
      g_hash_table_insert (catalogues, g_strdup (language), c);
    }
  G_UNLOCK (catalogues);

  return c;
}

/* --- Choosing the language ---------------------------------------------------------- */

static gboolean
is_english (const char *name)
{
  return g_str_equal (name, "C") || g_str_equal (name, "POSIX") || g_str_has_prefix (name, "C.")
         || g_str_equal (name, "en") || g_str_has_prefix (name, "en_")
         || g_str_has_prefix (name, "en.") || g_str_has_prefix (name, "en@");
}

/* The first of @names' variants (g_get_locale_variants order: most specific first) that
 * has a catalogue, "en" for English, or NULL. */
static char *
first_available (const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (names[i][0] == '\0' || strchr (names[i], '/') != NULL)
        continue;
      if (is_english (names[i]))
        return g_strdup ("en");
      if (catalogue_get (names[i]) != NULL)
        return g_strdup (names[i]);
    }
  return NULL;
}

char *
wm_language_resolve (const char  *requested,
                     GError     **error)
{
  char *found;

  if (requested == NULL || requested[0] == '\0')
    {
      found = first_available (g_get_language_names_with_category ("LC_MESSAGES"));
      return found != NULL ? found : g_strdup ("en");
    }
  else
    {
      g_auto(GStrv) variants = g_get_locale_variants (requested);

      if ((found = first_available ((const char * const *) variants)) != NULL)
        return found;
      g_set_error (error, WM_LANGUAGE_ERROR, WM_LANGUAGE_ERROR_UNKNOWN,
                   /* TRANSLATORS: %1$s is the language asked for with --language, e.g. "xx" */
                   _("Waymark has no translation into “%1$s”; leave --language out for the "
                     "author’s language, or use en or a language listed in Waymark’s po/LINGUAS"),
                   requested);
      return NULL;
    }
}

char *
wm_language_get_tag (const char *language)
{
  GString *tag;

  if (language == NULL || is_english (language))
    return g_strdup ("en");
  tag = g_string_new (NULL);
  for (const char *p = language; *p != '\0' && *p != '.' && *p != '@'; p++)
    g_string_append_c (tag, *p == '_' ? '-' : (g_ascii_isalnum (*p) ? *p : '-'));
  return g_string_free (tag, FALSE);
}

const char *
wm_language_gettext (const char *language,
                     const char *msgid)
{
  Catalogue *c;
  const char *str;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (language == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  if (is_english (language) || (c = catalogue_get (language)) == NULL)
    return msgid;
  str = g_hash_table_lookup (c->messages, msgid);
  return str != NULL ? str : msgid;
}

const char *
wm_language_ngettext (const char *language,
                      const char *msgid,
                      const char *msgid_plural,
                      gulong      n)
{
  Catalogue *c;
  const char *str;
  guint32 length;
  guint index;

  g_return_val_if_fail (msgid != NULL && msgid_plural != NULL, NULL);

  if (language == NULL)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  if (is_english (language) || (c = catalogue_get (language)) == NULL
      || (str = g_hash_table_lookup (c->messages, msgid)) == NULL)
    return n == 1 ? msgid : msgid_plural;

  /* The forms follow each other, each ending in a NUL; a missing one falls back to the
   * English pair. */
  length = GPOINTER_TO_UINT (g_hash_table_lookup (c->lengths, msgid));
  index = plural_index (c->plural, n);
  for (const char *form = str; form < str + length; form += strlen (form) + 1, index--)
    if (index == 0)
      return form;
  return n == 1 ? msgid : msgid_plural;
}

char *
wm_language_plural_table (const char *language)
{
  Catalogue *c = language != NULL && !is_english (language) ? catalogue_get (language) : NULL;
  const char *rule = c != NULL ? c->plural : "n != 1";
  char table[201];

  for (gulong n = 0; n < 200; n++)
    table[n] = (char) ('0' + plural_index (rule, n));
  table[200] = '\0';
  return g_strdup (table);
}
