/* wm-store-locks.c — SQLite's file locks held by open file description, not by process
 *
 * Copyright 2026 The Waymark authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's unix VFS locks with classic POSIX record locks, which belong to the process:
 * close() on ANY descriptor of the file, opened by anyone in the process, drops them all
 * (SQLite's documented pitfall). In the app the GTK file chooser does that when
 * Preferences shows the library's folder (it sniffs library.db's content type); the next
 * `waymark` command then found no lock, checkpointed, deleted the WAL and -shm, and the app
 * went on writing into deleted files: its later edits were lost.
 *
 * So the VFS's fcntl() goes through here (sqlite3_vfs.xSetSystemCall) and every lock
 * becomes an open file description lock (F_OFD_SETLK, Linux 3.15): those belong to one
 * open of the file and survive anyone else's close(). To keep SQLite's assumption that
 * all its descriptors of one file share one lock owner (it counts in-process locks itself
 * and may unlock through another connection's descriptor), every descriptor of one inode
 * locks through one description of our own, made at its first lock and closed when
 * SQLite closes the last descriptor that locked through it. OFD locks and classic ones
 * conflict across processes, so an older Waymark or the sqlite3 shell still sees ours.
 */
/* F_OFD_SETLK and friends are Linux (GNU) extensions of <fcntl.h>. */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "wm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wm-store-private.h"

typedef struct {
  dev_t dev;
  ino_t ino;
  int   lock_fd;   /* our own open of the file: every lock on it is held here */
  guint n_fds;     /* SQLite's descriptors that locked through it */
} LockOwner;

typedef int (*FcntlFunc) (int, int, ...);
typedef int (*CloseFunc) (int);

static GMutex      owners_mutex;
static GHashTable *owners_by_fd;   /* SQLite's fd → LockOwner */
static GPtrArray  *owners;         /* one per locked inode */
static FcntlFunc   real_fcntl;
static CloseFunc   real_close;

/* Our own description of the file behind @fd, read-write when we may so write locks work
 * whichever connection locked first (a read-only one included). */
static int
open_lock_fd (int fd)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  int lock_fd = open (proc, O_RDWR | O_CLOEXEC | O_NOCTTY);

  if (lock_fd < 0)
    lock_fd = open (proc, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  /* Below 3 a stray write to stdout or stderr would land in the library. */
  if (lock_fd >= 0 && lock_fd < 3)
    {
      int moved = real_fcntl (lock_fd, F_DUPFD_CLOEXEC, 3);

      real_close (lock_fd);
      lock_fd = moved;
    }

  return lock_fd;
}

static LockOwner *
find_owner_locked (int fd)
{
  LockOwner *owner = g_hash_table_lookup (owners_by_fd, GINT_TO_POINTER (fd));
  struct stat st;

  if (owner != NULL)
    return owner;

  if (fstat (fd, &st) != 0)
    return NULL;

  for (guint i = 0; i < owners->len && owner == NULL; i++)
    {
      LockOwner *o = g_ptr_array_index (owners, i);

      if (o->dev == st.st_dev && o->ino == st.st_ino)
        owner = o;
    }

  if (owner == NULL)
    {
      int lock_fd = open_lock_fd (fd);

      if (lock_fd < 0)
        return NULL;

      owner = g_new0 (LockOwner, 1);
      owner->dev = st.st_dev;
      owner->ino = st.st_ino;
      owner->lock_fd = lock_fd;
      g_ptr_array_add (owners, owner);
    }

  owner->n_fds++;
  g_hash_table_insert (owners_by_fd, GINT_TO_POINTER (fd), owner);

  return owner;
}

static int
ofd_command (int cmd)
{
  switch (cmd)
    {
    case F_SETLK: return F_OFD_SETLK;
    case F_SETLKW: return F_OFD_SETLKW;
    case F_GETLK: return F_OFD_GETLK;
    default: return 0;
    }
}

static int
lock_fcntl (int fd,
            int cmd,
            ...)
{
  va_list args;
  void *arg;
  struct flock lock;
  LockOwner *owner;
  int lock_fd;
  int rc;

  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);

  if (ofd_command (cmd) == 0)
    return real_fcntl (fd, cmd, arg);

  g_mutex_lock (&owners_mutex);
  owner = find_owner_locked (fd);
  lock_fd = owner ? owner->lock_fd : -1;
  g_mutex_unlock (&owners_mutex);

  if (lock_fd < 0)
    return real_fcntl (fd, cmd, arg);

  /* OFD requests must say pid 0; SQLite leaves it unset. */
  lock = *(struct flock *) arg;
  lock.l_pid = 0;
  rc = real_fcntl (lock_fd, ofd_command (cmd), &lock);
  if (cmd == F_GETLK && rc == 0)
    *(struct flock *) arg = lock;

  return rc;
}

static int
lock_close (int fd)
{
  LockOwner *owner;

  /* Under the mutex until the real close: once closed, the number may be reused by a
   * new descriptor that must not be taken for this one. */
  g_mutex_lock (&owners_mutex);
  owner = g_hash_table_lookup (owners_by_fd, GINT_TO_POINTER (fd));
  if (owner != NULL)
    {
      g_hash_table_remove (owners_by_fd, GINT_TO_POINTER (fd));
      if (--owner->n_fds == 0)
        {
          real_close (owner->lock_fd);
          g_ptr_array_remove_fast (owners, owner);
          g_free (owner);
        }
    }
  int rc = real_close (fd);
  g_mutex_unlock (&owners_mutex);

  return rc;
}

static gboolean
install_once (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  /* The unix VFSes share one table of system calls, so this covers them all. */
  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    return FALSE;

  owners_by_fd = g_hash_table_new (NULL, NULL);
  owners = g_ptr_array_new ();
  real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  if (real_fcntl == NULL || real_close == NULL)
    return FALSE;

  return vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) lock_fcntl) == SQLITE_OK &&
         vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) lock_close) == SQLITE_OK;
}

/* Called before the first library is opened; idempotent and thread-safe. FALSE when
 * SQLite's VFS does not let us (then the locks stay classic, as before). */
gboolean
wm_store_install_file_locks (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    g_once_init_leave (&installed, install_once () ? 1 : 2);

  return installed == 1;
}
