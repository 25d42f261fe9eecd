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

    /// The backends this run can use: Redis only when `scripts/test` provides it (always on CI).
    public static var available: [CacheBackend] { TestRedis.isEnabled ? [.inProcess, .redis] : [.inProcess] }

    /// New caches, with the services they need running (a Redis client).
    public func make(feedCap: Int = 800) throws -> (Caches, [any Service]) {
        switch self {
        case .inProcess:
            return (.inProcess(clock: SystemWallClock(), feedCap: feedCap), [])
        case .redis:
            let client = RedisClient(configuration: try TestRedis.patientConfiguration())
            let namespace = "test-\(UUID().uuidString.prefix(8)):"
            return (.redis(client: client, clock: SystemWallClock(), feedCap: feedCap, namespace: namespace), [client])
        }
    }
}
