import Foundation

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
    /// the reading arrives as a `.failed` op after the ops before it.
    static func run(_ reading: some MeasurementReading, write: (MeasurementOp) throws -> Void) throws {
        let channel = Channel()
        let thread = Thread {
            var chunk: [MeasurementOp] = []
            chunk.reserveCapacity(chunkSize)
            do {
                try reading.run { op in
                    chunk.append(op)
                    if chunk.count == chunkSize { chunk = try channel.send(chunk) }
                }
            } catch is Channel.Stopped {
                chunk.removeAll()
            } catch {
                chunk.append(.failed(error))
            }
            if !chunk.isEmpty { _ = try? channel.send(chunk) }
            channel.finish()
        }
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while let chunk = channel.receive() {
                for op in chunk { try write(op) }
                channel.recycle(chunk)
            }
        } catch {
            channel.stop()
            channel.waitUntilFinished()
            throw error
        }
    }

    /// A bounded queue of chunks between the two threads, with the emptied chunks coming back for
    /// reuse.
    private final class Channel: @unchecked Sendable {
        struct Stopped: Error {}

        private let condition = NSCondition()
        private var full: [[MeasurementOp]] = []
        private var empty: [[MeasurementOp]] = []
        private var finished = false
        private var stopped = false

        /// Queues a chunk, waiting while too many are queued; returns an empty one to fill next.
        /// Throws `Stopped` when the writing side has given up.
        func send(_ chunk: [MeasurementOp]) throws -> [MeasurementOp] {
            condition.lock()
            defer { condition.unlock() }
            while full.count >= chunksInFlight && !stopped { condition.wait() }
            if stopped { throw Stopped() }
            full.append(chunk)
            condition.broadcast()
            if let next = empty.popLast() { return next }
            var next: [MeasurementOp] = []
            next.reserveCapacity(chunkSize)
            return next
        }

        /// The reading side is done: nothing more will be sent.
        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next chunk in order; nil once the reading side has finished and all were received.
        func receive() -> [MeasurementOp]? {
            condition.lock()
            defer { condition.unlock() }
            while full.isEmpty && !finished { condition.wait() }
            if full.isEmpty { return nil }
            condition.broadcast()
            return full.removeFirst()
        }

        func recycle(_ chunk: [MeasurementOp]) {
            var chunk = chunk
            chunk.removeAll(keepingCapacity: true)
            condition.lock()
            empty.append(chunk)
            condition.unlock()
        }

        /// The writing side gives up: a waiting or later `send` throws `Stopped`.
        func stop() {
            condition.lock()
            stopped = true
            full.removeAll()
            condition.broadcast()
            condition.unlock()
        }

        func waitUntilFinished() {
            condition.lock()
            while !finished { condition.wait() }
            condition.unlock()
        }
    }
}

/// The reading side of a measurement import: emits the ops of a file in order. It runs on a
/// thread of its own and must not touch the database.
protocol MeasurementReading: AnyObject, Sendable {
    func run(_ emit: (MeasurementOp) throws -> Void) throws
}
