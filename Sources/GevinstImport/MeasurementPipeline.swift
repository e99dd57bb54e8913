import GevinstConcurrency

/// Runs the reading side of a measurement import (parse, interpret, check) on a thread of its own
/// and hands its ops in chunks to the writing side on the calling thread, which owns the database
/// connection. Reading a file and storing its rows then use two cores; the ops keep file order, so
/// the outcome is the one a single thread would have (`BENCHMARKS.md`).
enum MeasurementPipeline {
    static let chunkSize = 4096
    /// Chunks filled and not yet written: bounds the memory the reader can run ahead by.
    static let chunksInFlight = 4

    /// Runs `reading.run` on a new thread and `write` here on every op it emits, in order. An
    /// error of `write` stops the reading and is thrown once the reading has stopped; an error of
    /// the reading is thrown after the ops before it were written.
    static func run(_ reading: some MeasurementReading, write: (MeasurementOp) throws -> Void) throws {
        let chunks = BoundedQueue<[MeasurementOp]>(capacity: chunksInFlight)
        chunks.produce(thread: "gevinst.import.read") {
            var chunk = emptyChunk(chunks)
            let read = Result {
                try reading.run { op in
                    chunk.append(op)
                    if chunk.count == chunkSize {
                        try chunks.send(chunk)
                        chunk = emptyChunk(chunks)
                    }
                }
            }
            if !chunk.isEmpty { try chunks.send(chunk) }
            try read.get()
        }
        try chunks.consume { chunk in
            for op in chunk { try write(op) }
            chunks.recycle(chunk)
        }
    }

    /// A chunk the writing side has emptied, or a new one.
    private static func emptyChunk(_ chunks: BoundedQueue<[MeasurementOp]>) -> [MeasurementOp] {
        var chunk = chunks.spare() ?? []
        chunk.removeAll(keepingCapacity: true)
        chunk.reserveCapacity(chunkSize)
        return chunk
    }
}

/// The reading side of a measurement import: emits the ops of a file in order. It runs on a
/// thread of its own and must not touch the database.
protocol MeasurementReading: AnyObject, Sendable {
    func run(_ emit: (MeasurementOp) throws -> Void) throws
    /// The checks the reading made, for the writing side once `run` has returned.
    var checks: MeasurementChecks { get }
}
