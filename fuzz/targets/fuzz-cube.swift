// libFuzzer target: FuzzEntry.cube (Tests/EndToEndTests/ReliabilityFuzzEntries.swift). Built by fuzz/build.sh.
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntry.cube(UnsafeRawBufferPointer(start: data, count: size), directory: FuzzScratch.directory)
    return 0
}
