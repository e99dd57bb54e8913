import Foundation
import GevinstCore

/// What `validate` checks of the paths a run writes: the warehouse's directory and the report
/// directory must be writable directories, or creatable below one.
enum OutputPaths {
    static func problems(_ pipeline: Pipeline) -> [RunnerError] {
        let outputs = [("warehouse", (pipeline.warehouse as NSString).deletingLastPathComponent),
                       ("reports.dir", pipeline.reports.dir)]
        return outputs.compactMap { key, directory in
            problem(directory).map {
                RunnerError(stage: nil, cause: "\(key) \(pipeline.relativePath(directory)): \($0)", category: .cannotWrite)
            }
        }
    }

    /// Why files cannot be written in `directory`, judged at the nearest path that exists.
    private static func problem(_ directory: String) -> String? {
        var existing = directory
        while !FileManager.default.fileExists(atPath: existing) {
            let parent = (existing as NSString).deletingLastPathComponent
            guard !parent.isEmpty, parent != existing else { return nil }
            existing = parent
        }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: existing, isDirectory: &isDirectory)
        if !isDirectory.boolValue { return "\(existing) is a file, not a directory" }
        if access(existing, W_OK) != 0 { return "cannot write in \(existing): \(String(cString: strerror(errno)))" }
        return nil
    }
}
