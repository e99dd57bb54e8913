import Foundation
import GevinstConcurrency
import Testing

@Suite("BoundedQueue")
struct BoundedQueueTests {
    struct Failure: Error, Equatable { var at: Int }

    @Test("elements arrive in order, then nil once the producer has finished", arguments: [1, 2, 7])
    func ordered(capacity: Int) throws {
        let queue = BoundedQueue<Int>(capacity: capacity)
        let outcome = queue.produce(thread: "test.ordered") {
            for value in 0..<5_000 { try queue.send(value) }
            return "done"
        }
        var received: [Int] = []
        try queue.consume { received.append($0) }
        #expect(received == Array(0..<5_000))
        #expect(try queue.receive() == nil)
        #expect(try outcome() == "done")
    }

    @Test("a producer never runs more than capacity elements ahead of the consumer")
    func backPressure() throws {
        let capacity = 3
        let queue = BoundedQueue<Int>(capacity: capacity)
        let progress = Progress()
        queue.produce(thread: "test.back-pressure") {
            for value in 0..<2_000 {
                try queue.send(value)
                progress.sent(within: capacity)
            }
            progress.producerDone()
        }
        // Each receive starts only once the producer has filled the queue: a producer that did not
        // wait would then be more than `capacity` ahead of the receives begun.
        while progress.beginReceive(capacity: capacity), try queue.receive() != nil {}
        #expect(progress.violationCount == 0)
        #expect(progress.sentCount == 2_000)
    }

    @Test("a queue finished before anything was sent is empty")
    func finishedEmpty() throws {
        let queue = BoundedQueue<Int>(capacity: 2)
        queue.finish()
        #expect(try queue.receive() == nil)
        #expect(try queue.receive() == nil)
    }

    @Test("a producer that stops early ends the stream after what it sent, with its outcome")
    func producerStopsEarly() throws {
        let queue = BoundedQueue<Int>(capacity: 4)
        let outcome = queue.produce(thread: "test.early") {
            for value in 0..<100 {
                if value == 3 { return value }
                try queue.send(value)
            }
            return -1
        }
        var received: [Int] = []
        try queue.consume { received.append($0) }
        #expect(received == [0, 1, 2])
        #expect(try outcome() == 3)
    }

    @Test("the producer's error reaches the consumer after the elements sent before it", arguments: [1, 3, 50])
    func producerError(capacity: Int) throws {
        let queue = BoundedQueue<Int>(capacity: capacity)
        let outcome = queue.produce(thread: "test.error") {
            for value in 0..<10 { try queue.send(value) }
            throw Failure(at: 10)
        }
        var received: [Int] = []
        #expect(throws: Failure(at: 10)) { try queue.consume { received.append($0) } }
        #expect(received == Array(0..<10))
        #expect(throws: Failure(at: 10)) { try outcome() }
    }

    @Test("a consumer that fails stops the producer at its next send and waits for it", arguments: [1, 4])
    func consumerError(capacity: Int) throws {
        let queue = BoundedQueue<Int>(capacity: capacity)
        let outcome = queue.produce(thread: "test.consumer-error") {
            var value = 0
            while true {   // Endless: only the cancel ends it.
                try queue.send(value)
                value += 1
            }
        }
        var received: [Int] = []
        #expect(throws: Failure(at: 5)) {
            try queue.consume { value in
                if value == 5 { throw Failure(at: 5) }
                received.append(value)
            }
        }
        #expect(received == Array(0..<5))
        #expect(throws: BoundedQueue<Int>.Cancelled.self) { try outcome() }
    }

    @Test("cancel wakes a producer blocked on a full queue; later sends throw too")
    func cancelBlockedProducer() throws {
        let queue = BoundedQueue<Int>(capacity: 1)
        let outcome = queue.produce(thread: "test.cancel") {
            try queue.send(0)
            do { try queue.send(1) } catch is BoundedQueue<Int>.Cancelled {}   // Full until the cancel.
            try queue.send(2)
        }
        queue.cancel()   // Returns only once the producer has finished.
        #expect(throws: BoundedQueue<Int>.Cancelled.self) { try outcome() }
    }

    @Test("recycled elements come back to the producer, last first")
    func recycling() {
        let queue = BoundedQueue<[Int]>(capacity: 2)
        #expect(queue.spare() == nil)
        queue.recycle([1])
        queue.recycle([2, 2])
        #expect(queue.spare() == [2, 2])
        #expect(queue.spare() == [1])
        #expect(queue.spare() == nil)
    }

    @Test("two queues in a chain (read → compute → write), stopped anywhere, neither deadlock nor lose order")
    func chainedStress() throws {
        for round in 0..<320 {
            let count = round * 37 % 400
            let capacities = (1 + round % 4, 1 + round / 4 % 4)
            // Where a side fails, if at all: the reader, the computing thread or the writer.
            let failing = round / 16 % 4, failAt = round * 53 % 450
            let reading = failing == 1 ? failAt : nil, computing = failing == 2 ? failAt : nil
            let writing = failing == 3 ? failAt : nil

            let rows = BoundedQueue<[Int]>(capacity: capacities.0)
            let computed = rows.produce(thread: "test.compute") {
                let jobs = BoundedQueue<Int>(capacity: capacities.1)
                let read = jobs.produce(thread: "test.read") {
                    for value in 0..<count {
                        if value == reading { throw Failure(at: value) }
                        try jobs.send(value)
                    }
                    return count
                }
                try jobs.consume { value in
                    if value == computing { throw Failure(at: value) }
                    var row = rows.spare() ?? []
                    row.removeAll(keepingCapacity: true)
                    row.append(value * 2)
                    try rows.send(row)
                }
                return try read()
            }
            var written: [Int] = []
            let outcome = Result<Int, any Error> {
                try rows.consume { row in
                    if row[0] / 2 == writing { throw Failure(at: row[0] / 2) }
                    written.append(contentsOf: row)
                    rows.recycle(row)
                }
                return try computed()
            }
            let stop = [reading, computing, writing].compactMap { $0 }.first.map { min($0, count) } ?? count
            #expect(written == (0..<stop).map { $0 * 2 })
            switch outcome {
            case .success(let total): #expect(stop == count && total == count)
            case .failure(let error): #expect(stop < count && error as? Failure == Failure(at: stop))
            }
        }
    }
}

/// The producer's and the consumer's counts for `backPressure`.
private final class Progress: @unchecked Sendable {
    private let condition = NSCondition()
    private var sent = 0, receivesBegun = 0, done = false, violations = 0

    var sentCount: Int { condition.withLock { sent } }
    var violationCount: Int { condition.withLock { violations } }

    /// A send returned: at most `capacity` elements can be queued beyond the receives begun.
    func sent(within capacity: Int) {
        condition.withLock {
            sent += 1
            if sent > receivesBegun + capacity { violations += 1 }
            condition.broadcast()
        }
    }

    func producerDone() {
        condition.withLock {
            done = true
            condition.broadcast()
        }
    }

    /// Waits until the queue is full (or the producer done) and counts a receive as begun.
    func beginReceive(capacity: Int) -> Bool {
        condition.withLock {
            while sent < receivesBegun + capacity && !done { condition.wait() }
            receivesBegun += 1
            return true
        }
    }
}
