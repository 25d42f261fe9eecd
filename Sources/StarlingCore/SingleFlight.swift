import Synchronization

/// Runs one load per key at a time in this process: callers that ask for a key while its load is
/// under way wait for that load's result instead of starting their own (a thundering herd on a
/// cold cache becomes one store query).
public final class SingleFlight<Value: Sendable>: Sendable {
    private let flights = Mutex<[String: Task<Value, any Error>]>([:])

    public init() {}

    /// The result of `load` for `key`, shared with every concurrent caller for the same key.
    public func run(_ key: String, _ load: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = flights.withLock { flights -> Task<Value, any Error> in
            if let running = flights[key] { return running }
            let task = Task { try await load() }
            flights[key] = task
            return task
        }
        defer { flights.withLock { if $0[key] == task { $0[key] = nil } } }
        return try await task.value
    }
}
