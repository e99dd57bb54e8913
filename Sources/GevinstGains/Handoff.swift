import Foundation

/// Runs a producer on a thread of its own and hands what it sends to a consumer on the calling
/// thread, so that the two halves of the stage (reading and computing; writing) use both cores.
/// At most `capacity` batches wait; a consumer that fails stops the producer at its next send.
final class Handoff<Batch: Sendable, Outcome: Sendable>: @unchecked Sendable {
    /// Thrown from `send` once the consumer has given up.
    struct Stopped: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [Batch] = []
    private var outcome: Result<Outcome, any Error>?
    private var stopped = false

    private init(capacity: Int) { self.capacity = capacity }

    /// Starts `produce` on a thread of its own; it sends its batches with the function it is given.
    static func start(capacity: Int, produce: @escaping @Sendable (_ send: (Batch) throws -> Void) throws -> Outcome) -> Handoff {
        let handoff = Handoff(capacity: capacity)
        let thread = Thread {
            let outcome = Result { try produce(handoff.send) }
            handoff.locked {
                handoff.outcome = outcome
                handoff.condition.broadcast()
            }
        }
        thread.name = "gevinst.gains.compute"
        thread.start()
        return handoff
    }

    /// Passes each batch to `consume` and returns what the producer returned once every batch is
    /// consumed. Either side's error is rethrown (the consumer's first); it returns only after the
    /// producer has finished.
    func finish(consume: (Batch) throws -> Void) throws -> Outcome {
        do {
            while let batch = receive() { try consume(batch) }
        } catch {
            stop()
            throw error
        }
        return try locked { outcome! }.get()
    }

    /// Stops the producer at its next send and waits until it has finished.
    func stop() {
        locked {
            stopped = true
            waiting.removeAll()
            condition.broadcast()
            while outcome == nil { condition.wait() }
        }
    }

    private func send(_ batch: Batch) throws {
        try locked {
            while waiting.count >= capacity && !stopped { condition.wait() }
            guard !stopped else { throw Stopped() }
            waiting.append(batch)
            condition.broadcast()
        }
    }

    /// The next batch; nil once the producer has finished and everything it sent is consumed.
    private func receive() -> Batch? {
        locked {
            while waiting.isEmpty && outcome == nil { condition.wait() }
            guard !waiting.isEmpty else { return nil }
            condition.broadcast()
            return waiting.removeFirst()
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}
