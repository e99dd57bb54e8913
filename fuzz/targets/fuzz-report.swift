// libFuzzer target: FuzzEntry.report (Tests/EndToEndTests/ReliabilityFuzzEntriesMore.swift). Built by fuzz/build.sh.
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntry.report(UnsafeRawBufferPointer(start: data, count: size), directory: FuzzScratch.directory)
    return 0
}
