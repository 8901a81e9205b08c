/* wm-lms-package.h — a tutorial as a SCORM 1.2, SCORM 2004 or cmi5 package for an LMS
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A package is a zip an LMS imports: the same player and pictures as the single-file export,
 * split into files an LMS serves (images/<hash>.png, player.js, player.css), a launch page
 * (index.html) whose script lms.js finds the LMS (SCORM's API / API_1484_11 in a parent or
 * opener window, cmi5's launch parameters) and reports progress to it, and the manifest:
 * imsmanifest.xml with the schema files the SCORM specifications require beside it, or
 * cmi5.xml. Opened from disk with no LMS around, the page still plays.
 */
#pragma once

#include <gio/gio.h>

#include "wm-html-exporter.h"

G_BEGIN_DECLS

typedef enum {
  WM_LMS_SCORM12,
  WM_LMS_SCORM2004,
  WM_LMS_CMI5,
} WmLmsFormat;

/* What a package is asked for; zero-initialise, then set what you need. */
typedef struct {
  WmLmsFormat   format;
  WmPlayerMode  mode;          /* as for the single file; DEFAULT follows the stage */
  int           mastery;       /* 1–100: the share of Try steps done without a miss that
                                * passes; 0: no pass/fail, completion only */
  const char   *activity_id;   /* cmi5: the AU's IRI; NULL: urn:waymark:tutorial:<id> */
  const char   *language;      /* the player's words: "de", "fr"…; NULL: the author's */
} WmLmsOptions;

/* "scorm12", "scorm2004", "cmi5" */
const char *wm_lms_format_to_string   (WmLmsFormat   format);
gboolean    wm_lms_format_from_string (const char   *name,
                                       WmLmsFormat  *format);

GBytes     *wm_lms_package_to_bytes   (WmStore             *store,
                                       WmTutorial          *tutorial,
                                       const WmLmsOptions  *options,
                                       GError             **error);
/* Writes it atomically: @file is either the complete zip or left as it was. */
gboolean    wm_lms_package_to_file    (WmStore             *store,
                                       WmTutorial          *tutorial,
                                       const WmLmsOptions  *options,
                                       GFile               *file,
                                       GError             **error);

G_END_DECLS
