// System calls and libc functions Glibc's Swift module does not export.
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

#include <malloc.h>

/// Gives the pages of freed heap memory back to the system, in every malloc arena: a thread that
/// ended leaves its arena's free memory resident, where no other thread allocates.
static inline void gevinst_release_free_memory(void) {
    malloc_trim(0);
}

/// Serves every allocation of 128 KiB or more with a mapping of its own, given back when freed.
/// By default glibc raises that threshold to the largest block freed so far (up to 32 MiB): the
/// big arrays of one stage then stay resident in the heap, too scattered to trim, after it ends.
static inline void gevinst_map_large_allocations(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}
