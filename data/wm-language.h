/* wm-language.h — Waymark's messages in a language other than the process's own
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exported pages speak the language they are exported in (`--language`), which need not be
 * the author's, nor a locale installed on the machine: the catalogue is read straight from
 * the installed waymark.mo of that language (found where bindtextdomain() points), so no
 * setlocale() or $LANGUAGE change touches the rest of the process, and it works on any
 * thread. A NULL language means the process's own (plain gettext).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WM_LANGUAGE_ERROR (wm_language_error_quark ())

typedef enum {
  WM_LANGUAGE_ERROR_UNKNOWN,   /* no catalogue for that language */
} WmLanguageError;

GQuark      wm_language_error_quark (void);

/* The language to export in: @requested ("de", "pt_BR", "fr_FR.UTF-8"), or when it is
 * NULL or empty, the author's from $LANGUAGE / LC_ALL / LC_MESSAGES / LANG. The answer
 * names a catalogue that exists ("de" for "de_AT" when only de.mo is installed) or is
 * "en" (the messages as written). An explicit request Waymark has no catalogue for fails. */
char       *wm_language_resolve     (const char  *requested,
                                     GError     **error);
/* @language as a BCP 47 tag for <html lang>: "pt_BR.UTF-8" → "pt-BR". */
char       *wm_language_get_tag     (const char  *language);

/* @msgid translated into @language (NULL: the process's language); @msgid when there is
 * no translation. The result lives as long as the process. */
const char *wm_language_gettext     (const char  *language,
                                     const char  *msgid);
/* The plural form of @msgid / @msgid_plural for @n, by the catalogue's Plural-Forms. */
const char *wm_language_ngettext    (const char  *language,
                                     const char  *msgid,
                                     const char  *msgid_plural,
                                     gulong       n);
/* For scripts that count at run time: the plural form index for n = 0…199 as digits
 * ("0111…" in English); for n ≥ 200 use the digit of 100 + n % 100 (every gettext plural
 * rule depends on no more than n % 100 there). */
char       *wm_language_plural_table (const char *language);

G_END_DECLS
