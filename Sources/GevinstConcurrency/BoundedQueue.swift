import Foundation

/// Hands elements in order from one producing thread to one consuming thread, holding at most
/// `capacity` of them: a producer that runs ahead waits (back-pressure), so memory stays bounded.
/// Either side can stop the other: the producer's error reaches the consumer after the elements
/// sent before it, and a consumer that gives up makes the producer's next `send` throw `Cancelled`.
/// Emptied elements (buffers) can go back to the producer for reuse.
public final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    /// Thrown from `send` once the consumer has cancelled.
    public struct Cancelled: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [Element] = []
    private var spares: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    public init(capacity: Int) {
        precondition(capacity > 0, "a bounded queue holds at least one element")
        self.capacity = capacity
    }

    // MARK: The producing side

    /// Queues `element`, waiting while `capacity` are queued. Throws `Cancelled` once the consumer
    /// has cancelled.
    public func send(_ element: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        waiting.append(element)
        if waiting.count == 1 { condition.broadcast() }
    }

    /// An element the consumer gave back with `recycle`, if any, to fill again.
    public func spare() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        return spares.popLast()
    }

    /// Nothing more will be sent; `error`, if any, reaches the consumer after the queued elements.
    public func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// Runs `produce` on a thread of its own (8 MiB of stack) and then finishes the queue, with the
    /// error `produce` threw if any. The function returned waits for the thread and returns what
    /// `produce` returned, or throws its error.
    @discardableResult
    public func produce<Outcome: Sendable>(thread name: String, _ produce: @escaping @Sendable () throws -> Outcome)
        -> () throws -> Outcome {
        let outcome = OutcomeBox<Outcome>()
        let thread = Thread { [self] in
            let result = Result { try produce() }
            outcome.result = result   // Published by the lock in `finish`.
            if case .failure(let error) = result { finish(throwing: error) } else { finish() }
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
        return { [self] in
            waitUntilFinished()
            return try outcome.result!.get()
        }
    }

    // MARK: The consuming side

    /// The next element, waiting for it; nil once the producer has finished and every element was
    /// received. Throws the producer's error, if it finished with one, after the elements before it.
    public func receive() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        guard !waiting.isEmpty else {
            if let failure { throw failure }
            return nil
        }
        if waiting.count == capacity { condition.broadcast() }
        return waiting.removeFirst()
    }

    /// Passes every element to `body` in order. If `body` throws, cancels the queue (waiting for
    /// the producer to finish) and rethrows; the producer's error is rethrown after the elements
    /// before it.
    public func consume(_ body: (Element) throws -> Void) throws {
        do {
            while let element = try receive() { try body(element) }
        } catch {
            cancel()
            throw error
        }
    }

    /// Gives an element back for the producer to reuse (`spare`).
    public func recycle(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        spares.append(element)
    }

    /// The consumer gives up: drops the queued elements, makes the producer's next or waiting
    /// `send` throw `Cancelled`, and waits until the producer has finished.
    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
    }

    /// Waits until the producer has finished.
    private func waitUntilFinished() {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
    }
}

/// What a producer thread returned, written before the queue finishes and read after.
private final class OutcomeBox<Outcome>: @unchecked Sendable {
    var result: Result<Outcome, any Error>?
}
