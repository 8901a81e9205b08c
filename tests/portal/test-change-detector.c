/* test-change-detector.c — the hotspot suggested from what changed between two shots
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wm-change-detector.h"

#define W 1920
#define H 1080
#define STRIDE (W * 4)

/* A desktop-like frame: a background gradient with a few "windows". */
static guint8 *
make_frame (void)
{
  guint8 *pixels = g_malloc (STRIDE * H);

  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        guint8 *p = pixels + y * STRIDE + x * 4;

        p[0] = x & 0xff;
        p[1] = y & 0xff;
        p[2] = (x > 200 && x < 900 && y > 150 && y < 700) ? 0xf0 : 0x30;
        p[3] = 0xff;
      }

  return pixels;
}

static void
fill (guint8 *pixels,
      int     x,
      int     y,
      int     width,
      int     height,
      guint32 colour)
{
  for (int j = y; j < y + height; j++)
    for (int i = x; i < x + width; i++)
      memcpy (pixels + j * STRIDE + i * 4, &colour, 4);
}

static void
test_first_and_same (void)
{
  g_autoptr(WmChangeDetector) detector = wm_change_detector_new ();
  g_autofree guint8 *frame = make_frame ();
  int x = -1, y = -1;

  /* Nothing to compare the first shot with, and nothing changed in the second. */
  g_assert_false (wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, &x, &y));
  g_assert_false (wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, &x, &y));
  g_assert_cmpint (x, ==, -1);
  g_assert_cmpint (y, ==, -1);
}

static void
test_one_area (void)
{
  g_autoptr(WmChangeDetector) detector = wm_change_detector_new ();
  g_autofree guint8 *frame = make_frame ();
  WmChangeRect rect;
  int x, y;

  wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, NULL, NULL);

  /* A button at (500,300) 120×40 lights up when clicked. */
  fill (frame, 500, 300, 120, 40, 0xff3584e4);
  g_assert_true (wm_change_detector_feed (detector, frame, W, H, STRIDE, &rect, &x, &y));

  /* The region covers the button, to the tile (16 px). */
  g_assert_cmpint (rect.x, <=, 500);
  g_assert_cmpint (rect.y, <=, 300);
  g_assert_cmpint (rect.x + rect.width, >=, 620);
  g_assert_cmpint (rect.y + rect.height, >=, 340);
  g_assert_cmpint (rect.x, >, 500 - 16);
  g_assert_cmpint (rect.x + rect.width, <, 620 + 16);
  g_assert_cmpint (ABS (x - 560), <=, 8);
  g_assert_cmpint (ABS (y - 320), <=, 8);
}

static void
test_largest_area_wins (void)
{
  g_autoptr(WmChangeDetector) detector = wm_change_detector_new ();
  g_autofree guint8 *frame = make_frame ();
  WmChangeRect rect;
  int x, y;

  wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, NULL, NULL);

  /* The panel clock ticks (top right) and a caret blinks, while a menu opens below a
   * button: the menu and its highlighted button, 10 px apart, make one area. */
  fill (frame, 1800, 4, 60, 16, 0xffffffff);
  fill (frame, 1200, 900, 2, 18, 0xff000000);
  fill (frame, 300, 200, 80, 30, 0xff1c71d8);
  fill (frame, 300, 240, 260, 320, 0xfffafafa);
  g_assert_true (wm_change_detector_feed (detector, frame, W, H, STRIDE, &rect, &x, &y));

  g_assert_cmpint (rect.x, <=, 300);
  g_assert_cmpint (rect.y, <=, 200);
  g_assert_cmpint (rect.x + rect.width, >=, 560);
  g_assert_cmpint (rect.y + rect.height, >=, 560);
  g_assert_cmpint (rect.y + rect.height, <, 900);
  g_assert_cmpint (x, >, 300);
  g_assert_cmpint (x, <, 560);
  g_assert_cmpint (y, >, 200);
  g_assert_cmpint (y, <, 560);
}

static void
test_broad_change (void)
{
  g_autoptr(WmChangeDetector) detector = wm_change_detector_new ();
  g_autofree guint8 *frame = make_frame ();
  int x = -1, y = -1;

  /* A new page fills the screen: only the author knows what was clicked. */
  wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, NULL, NULL);
  fill (frame, 0, 40, W, H - 40, 0xffeeeeee);
  g_assert_false (wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, &x, &y));
  g_assert_cmpint (x, ==, -1);

  /* … and the next change is measured from that page. */
  fill (frame, 1000, 500, 50, 50, 0xff000000);
  g_assert_true (wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, &x, &y));
  g_assert_cmpint (ABS (x - 1025), <=, 8);
  g_assert_cmpint (ABS (y - 525), <=, 8);
}

static void
test_size_change_and_reset (void)
{
  g_autoptr(WmChangeDetector) detector = wm_change_detector_new ();
  g_autofree guint8 *frame = make_frame ();
  g_autofree guint8 *other = g_malloc0 (640 * 4 * 480);
  WmChangeRect rect;

  wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, NULL, NULL);
  /* Another monitor layout: nothing to compare with. */
  g_assert_false (wm_change_detector_feed (detector, other, 640, 480, 640 * 4, NULL, NULL, NULL));
  /* Back to the first size: still nothing to compare with; then the clipped edge tile. */
  g_assert_false (wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, NULL, NULL));
  fill (frame, W - 5, H - 3, 5, 3, 0xff00ff00);
  g_assert_true (wm_change_detector_feed (detector, frame, W, H, STRIDE, &rect, NULL, NULL));
  g_assert_cmpint (rect.x + rect.width, ==, W);
  g_assert_cmpint (rect.y + rect.height, ==, H);

  /* After a pause the two shots are unrelated. */
  wm_change_detector_reset (detector);
  fill (frame, 10, 10, 10, 10, 0xff0000ff);
  g_assert_false (wm_change_detector_feed (detector, frame, W, H, STRIDE, NULL, NULL, NULL));
}

static void
test_padded_stride (void)
{
  g_autoptr(WmChangeDetector) detector = wm_change_detector_new ();
  guint width = 333, height = 211, stride = 333 * 4 + 20;
  g_autofree guint8 *frame = g_malloc0 (stride * height);
  WmChangeRect rect;
  int x, y;

  /* Bytes past the row's end are padding: changing them is no change. */
  wm_change_detector_feed (detector, frame, width, height, stride, NULL, NULL, NULL);
  for (guint j = 0; j < height; j++)
    memset (frame + j * stride + width * 4, 0xaa, 20);
  g_assert_false (wm_change_detector_feed (detector, frame, width, height, stride, NULL, NULL,
                                           NULL));

  memset (frame + 100 * stride + 200 * 4, 0xff, 4);
  g_assert_true (wm_change_detector_feed (detector, frame, width, height, stride, &rect, &x, &y));
  g_assert_cmpint (rect.x, ==, 192);
  g_assert_cmpint (rect.y, ==, 96);
  g_assert_cmpint (rect.width, ==, 16);
  g_assert_cmpint (x, ==, 200);
  g_assert_cmpint (y, ==, 104);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal/change-detector/first-and-same", test_first_and_same);
  g_test_add_func ("/portal/change-detector/one-area", test_one_area);
  g_test_add_func ("/portal/change-detector/largest-area-wins", test_largest_area_wins);
  g_test_add_func ("/portal/change-detector/broad-change", test_broad_change);
  g_test_add_func ("/portal/change-detector/size-change-and-reset", test_size_change_and_reset);
  g_test_add_func ("/portal/change-detector/padded-stride", test_padded_stride);

  return g_test_run ();
}
