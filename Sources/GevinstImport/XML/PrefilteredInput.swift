import Foundation
import GevinstConcurrency

/// An XML file's bytes as libxml2 asks for them, read and scanned by `XMLPrefilter` on a thread of
/// its own, a few chunks ahead of the parser: the scan looks at every byte, about a fifth of the
/// parsing thread's time, and the two now run side by side.
///
/// libxml2 sees what it saw when it scanned each of its own reads: a read is refused exactly when
/// the bytes it asks for hold the byte on which the prefilter refused, and gets every byte before.
final class PrefilteredInput {
    /// What `read` gives libxml2.
    enum Outcome {
        /// Bytes copied into its buffer; 0 at the end of the file.
        case bytes(Int)
        case refused(XMLPrefilter.Refusal)
        /// The file could not be read (the system's message).
        case unreadable(String)
    }

    /// `count` bytes of the file, and the refusal that follows them, if any.
    private struct Chunk: Sendable {
        var bytes: [UInt8]
        var count = 0
        var refusal: XMLPrefilter.Refusal?
    }

    private struct ReadFailure: Error {
        var message: String
    }

    private static let chunkSize = 1 << 16

    private let queue = BoundedQueue<Chunk>(capacity: 4)
    private let reader: () throws -> Void
    private var current = Chunk(bytes: [])
    private var position = 0

    /// Starts reading `descriptor`, which must stay open until `stop`.
    init(descriptor: Int32) {
        let queue = queue
        reader = queue.produce(thread: "gevinst.xml.prefilter") {
            var prefilter = XMLPrefilter()
            while true {
                var chunk = queue.spare() ?? Chunk(bytes: [UInt8](repeating: 0, count: Self.chunkSize))
                let got = chunk.bytes.withUnsafeMutableBytes { buffer in
                    while true {
                        let got = Glibc.read(descriptor, buffer.baseAddress, Self.chunkSize)
                        if got >= 0 || errno != EINTR { return got }
                    }
                }
                guard got >= 0 else { throw ReadFailure(message: String(cString: strerror(errno))) }
                chunk.count = got
                chunk.refusal = chunk.bytes.withUnsafeBytes { prefilter.scan(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
                if chunk.refusal != nil { chunk.count = prefilter.refusedAt }
                if got > 0 || chunk.refusal != nil { try queue.send(chunk) }
                if got == 0 || chunk.refusal != nil { return }
            }
        }
    }

    /// Copies up to `wanted` bytes into `buffer`: fewer only at the end of the file.
    func read(into buffer: UnsafeMutableRawPointer, count wanted: Int) -> Outcome {
        var filled = 0
        while filled < wanted {
            if position == current.count {
                if let refusal = current.refusal { return .refused(refusal) }
                let next: Chunk?
                do {
                    next = try queue.receive()
                } catch {
                    return .unreadable((error as? ReadFailure)?.message ?? "\(error)")
                }
                guard let next else { break }
                if current.bytes.count == Self.chunkSize { queue.recycle(current) }
                current = next
                position = 0
                continue
            }
            let take = min(wanted - filled, current.count - position)
            current.bytes.withUnsafeBytes { bytes in
                (buffer + filled).copyMemory(from: bytes.baseAddress! + position, byteCount: take)
            }
            position += take
            filled += take
        }
        return .bytes(filled)
    }

    /// Stops the reading thread and waits for it; call before the descriptor is closed.
    func stop() {
        queue.cancel()
        _ = try? reader()
    }
}
