/* xdpw-shm-shim.c — LD_PRELOADed into xdg-desktop-portal-wlr by bench/capture-portal/screencast.
 *
 * xdg-desktop-portal-wlr 0.7 refuses to start a ScreenCast unless the compositor's screencopy
 * frame names a DMA-BUF format besides its shared-memory one ("unable to receive a valid
 * format from wlr_screencopy", upstream issue #289), even though it streams shared memory
 * perfectly well. sway on a machine with no GPU (pixman renderer, no /dev/dri) names none: it
 * can only hand over shared-memory frames. This shim echoes the frame's shared-memory format as
 * its DMA-BUF format to xdpw's start-up check. xdpw has no GBM device and the compositor no
 * zwp_linux_dmabuf_v1, so PipeWire negotiates shared-memory (memfd) buffers and every frame is
 * a real wlr-screencopy copy into them: nothing else is touched. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

struct wl_proxy;
const char *wl_proxy_get_class (struct wl_proxy *proxy);
int wl_proxy_add_listener (struct wl_proxy *proxy, void (**implementation) (void), void *data);

/* zwlr_screencopy_frame_v1's events, in protocol order. */
struct frame_listener {
  void (*buffer) (void *data, void *frame, uint32_t format, uint32_t width, uint32_t height, uint32_t stride);
  void (*flags) (void *data, void *frame, uint32_t flags);
  void (*ready) (void *data, void *frame, uint32_t sec_hi, uint32_t sec_lo, uint32_t nsec);
  void (*failed) (void *data, void *frame);
  void (*damage) (void *data, void *frame, uint32_t x, uint32_t y, uint32_t w, uint32_t h);
  void (*linux_dmabuf) (void *data, void *frame, uint32_t format, uint32_t width, uint32_t height);
  void (*buffer_done) (void *data, void *frame);
};

static const struct frame_listener *original;
static uint32_t shm_format, shm_width, shm_height;
static int got_dmabuf;

static void
shim_buffer (void *data, void *frame, uint32_t format, uint32_t width, uint32_t height, uint32_t stride)
{
  /* wl_shm formats are DRM fourccs except 0 (ARGB8888) and 1 (XRGB8888). */
  shm_format = format == 0 ? 0x34325241 : format == 1 ? 0x34325258 : format;
  shm_width = width;
  shm_height = height;
  got_dmabuf = 0;
  original->buffer (data, frame, format, width, height, stride);
}

static void
shim_flags (void *data, void *frame, uint32_t flags)
{
  original->flags (data, frame, flags);
}

static void
shim_ready (void *data, void *frame, uint32_t sec_hi, uint32_t sec_lo, uint32_t nsec)
{
  original->ready (data, frame, sec_hi, sec_lo, nsec);
}

static void
shim_failed (void *data, void *frame)
{
  original->failed (data, frame);
}

static void
shim_damage (void *data, void *frame, uint32_t x, uint32_t y, uint32_t w, uint32_t h)
{
  original->damage (data, frame, x, y, w, h);
}

static void
shim_linux_dmabuf (void *data, void *frame, uint32_t format, uint32_t width, uint32_t height)
{
  got_dmabuf = 1;
  original->linux_dmabuf (data, frame, format, width, height);
}

static void
shim_buffer_done (void *data, void *frame)
{
  if (!got_dmabuf)
    original->linux_dmabuf (data, frame, shm_format, shm_width, shm_height);
  original->buffer_done (data, frame);
}

static const struct frame_listener shim = {
  shim_buffer, shim_flags, shim_ready, shim_failed, shim_damage, shim_linux_dmabuf, shim_buffer_done,
};

int
wl_proxy_add_listener (struct wl_proxy *proxy, void (**implementation) (void), void *data)
{
  static int (*real) (struct wl_proxy *, void (**) (void), void *);
  if (real == NULL)
    real = (int (*) (struct wl_proxy *, void (**) (void), void *)) dlsym (RTLD_NEXT, "wl_proxy_add_listener");
  if (strcmp (wl_proxy_get_class (proxy), "zwlr_screencopy_frame_v1") == 0 &&
      (original == NULL || (const void *) original == (const void *) implementation))
    {
      original = (const struct frame_listener *) implementation;
      return real (proxy, (void (**) (void)) &shim, data);
    }
  return real (proxy, implementation, data);
}
