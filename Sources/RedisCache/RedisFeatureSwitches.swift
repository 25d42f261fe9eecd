import NIOCore
import RESP
import StarlingCore

/// `FeatureSwitches` in a Redis hash (switch name → percentage), shared by every process.
/// Reads throw when Redis fails; wrap it in `CachedFeatureSwitches` so a check costs no round
/// trip and a dead Redis keeps the last known values.
public struct RedisFeatureSwitches: FeatureSwitches {
    private let client: RedisClient
    private let key: String
    private let defaults: [String: Int]

    public init(client: RedisClient, key: String = "switches", defaults: [String: Int] = [:]) {
        self.client = client
        self.key = key
        self.defaults = defaults
    }

    public func percentage(_ name: String) async throws -> Int {
        let stored = try await client.hget(key, name).flatMap { Int(String(buffer: $0)) }
        return min(100, max(0, stored ?? defaults[name] ?? 0))
    }

    public func set(_ name: String, percentage: Int) async throws {
        try await client.hset(key, name, min(100, max(0, percentage)))
    }
}
