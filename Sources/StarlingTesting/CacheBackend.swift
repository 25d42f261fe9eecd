import App
import Foundation
import RESP
import ServiceLifecycle
import StarlingCore
import StarlingTestKit
import Testing

/// Where an application's caches live in a test: in the process, or on the shared test Redis
/// (keys under a fresh namespace, so tests running in parallel never meet).
public enum CacheBackend: String, Sendable, CustomTestStringConvertible {
    case inProcess
    case redis

    public var testDescription: String { rawValue }

    /// Both backends. Without a Redis server (no `STARLING_TEST_REDIS_URL`; `scripts/test` starts
    /// one) a Redis case is reported as skipped, by name, when it asks for its caches — except on
    /// CI, where it fails.
    public static var available: [CacheBackend] { [.inProcess, .redis] }

    /// Skips the current case, saying so, when this backend's server is missing outside CI.
    public func skipUnlessAvailable() throws {
        if self == .redis, !TestRedis.isEnabled {
            try skipTestCase("on redis: no Redis server (set STARLING_TEST_REDIS_URL; scripts/test starts one)")
        }
    }

    /// New caches, with the services they need running (a Redis client).
    public func make(feedCap: Int = 800) throws -> (Caches, [any Service]) {
        try skipUnlessAvailable()
        switch self {
        case .inProcess:
            return (.inProcess(clock: SystemWallClock(), feedCap: feedCap), [])
        case .redis:
            let client = RedisClient(configuration: try TestRedis.patientConfiguration())
            let namespace = "test-\(UUID().uuidString.prefix(8)):"
            // With a near cache, as `serve` runs by default: every Redis-backed test also checks
            // that its invalidations keep the process's copies coherent.
            let (caches, listeners) = Caches.redis(client: client, clock: SystemWallClock(), feedCap: feedCap, namespace: namespace,
                                                   near: NearCacheBudget(objectBytes: 4 << 20, feedBytes: 1 << 20))
            return (caches, [client] + listeners)
        }
    }
}
