#if canImport(Glibc)
import Glibc
#endif

/// Gives memory that a finished stage freed back to the system. glibc keeps freed blocks in
/// its per-thread arenas for reuse; after validation (key tables of every dataset) most of
/// them would never be reused, and they counted in the build's peak.
enum FreedMemory {
    #if canImport(Glibc)
    /// glibc's `malloc_trim`, which Swift's Glibc module does not expose (it is in malloc.h).
    private static let trim: (@convention(c) (Int) -> Int32)? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
        .map { unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self) }
    #endif

    static func giveBack() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
