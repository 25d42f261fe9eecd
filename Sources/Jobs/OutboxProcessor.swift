import ServiceLifecycle

/// A service that takes jobs out of the outbox: the worker that runs them in this process, or the
/// relay that hands them to a broker.
public protocol OutboxProcessor: Service, Sendable {
    /// Asks it to look at the outbox now (after a write that recorded a job).
    func nudge()
    /// Waits until no job is left in the outbox (dead ones aside) and none is in flight here (for
    /// tests and benchmarks). Throws `OutboxTimeout` when that takes longer than `timeout`.
    func waitUntilIdle(timeout: Duration) async throws
}

extension OutboxProcessor {
    /// Waits up to ten seconds until the outbox is drained.
    public func waitUntilIdle() async throws {
        try await waitUntilIdle(timeout: .seconds(10))
    }
}

/// The outbox did not drain in time.
public struct OutboxTimeout: Error {}
