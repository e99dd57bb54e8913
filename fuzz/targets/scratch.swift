// Where the file-based fuzz targets write each input: tmpfs when there is one.
#if canImport(Glibc)
import Glibc
#endif

enum FuzzScratch {
    static let directory: String = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
}
