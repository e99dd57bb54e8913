import Synchronization

/// A request to stop the run, from SIGINT or SIGTERM. Long loops check it between units of
/// work (a file, a chunk) and stop with a `.interrupted` failure; the transaction in progress rolls back.
public enum Interruption {
    private static let received = Atomic<Int32>(0)

    /// The signal that asked the run to stop, or 0.
    public static var signal: Int32 { received.load(ordering: .acquiring) }

    public static var isRequested: Bool { signal != 0 }

    /// Records `signal`; returns false when a signal was already recorded.
    @discardableResult
    public static func request(_ signal: Int32) -> Bool {
        received.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing).exchanged
    }
}
