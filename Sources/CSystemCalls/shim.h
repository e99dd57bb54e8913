// System calls Glibc's Swift module does not export.
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

/// renameat2(2) with RENAME_EXCHANGE: swaps two paths atomically (Linux 3.15+). Returns -1 with
/// errno set (EINVAL where the file system cannot exchange, ENOSYS without the call).
static inline int gevinst_rename_exchange(int fromDirectory, const char *from, int toDirectory, const char *to) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, fromDirectory, from, toDirectory, to, 1 << 1);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// syncfs(2): writes out every dirty page of the file system holding `descriptor` (Linux 2.6.39+).
static inline int gevinst_syncfs(int descriptor) {
#ifdef SYS_syncfs
    return (int)syscall(SYS_syncfs, descriptor);
#else
    errno = ENOSYS;
    return -1;
#endif
}
