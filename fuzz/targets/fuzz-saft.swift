// libFuzzer target: FuzzEntry.saft (Tests/EndToEndTests/ReliabilityFuzzEntriesMore.swift). Built by fuzz/build.sh.
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzEntry.saft(UnsafeRawBufferPointer(start: data, count: size), directory: FuzzScratch.directory)
    return 0
}
