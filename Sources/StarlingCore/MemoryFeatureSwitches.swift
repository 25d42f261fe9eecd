import Synchronization

/// The embedded `FeatureSwitches`: percentages in this process, starting at their defaults.
public final class MemoryFeatureSwitches: FeatureSwitches {
    private let values: Mutex<[String: Int]>

    public init(defaults: [String: Int] = [:]) {
        self.values = Mutex(defaults)
    }

    public func percentage(_ name: String) async -> Int {
        values.withLock { $0[name] ?? 0 }
    }

    public func set(_ name: String, percentage: Int) async throws {
        values.withLock { $0[name] = min(100, max(0, percentage)) }
    }
}
