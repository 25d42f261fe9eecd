import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Newsfeeds
import NIOCore
import ServiceLifecycle
import StarlingCore
import StarlingTestKit
import Testing

/// A Starling wired for tests: real use cases and jobs, on one backend, driven through the router.
public struct TestStarling: Sendable {
    public let starling: Starling
    public let clock: ManualClock?
    /// The media store (in memory), unless the test gave another (`media`).
    public let blobs: MemoryBlobStore
    /// Services that run beside the application (a Redis client, say).
    public let services: [any Service]

    /// - Parameters:
    ///   - rateLimits: off unless a test is about them.
    ///   - clock: a controllable clock; the real one when nil.
    public init(repositories: Repositories, rateLimits: Bool = false, clock: ManualClock? = nil, caches: Caches? = nil,
                services: [any Service] = [], queue: (any JobQueue)? = nil, media: (any BlobStore)? = nil,
                configure: (inout Configuration) -> Void = { _ in }) {
        self.services = services
        let memory = MemoryBlobStore()
        self.blobs = memory
        var configuration = Configuration()
        configuration.rateLimitsEnabled = rateLimits
        configuration.bcryptCost = 4
        // `STARLING_TEST_FEED_MODEL=push|pull|hybrid` runs the same suites under another feed model.
        if let model = ProcessInfo.processInfo.environment["STARLING_TEST_FEED_MODEL"].flatMap(FeedModel.init(rawValue:)) {
            configuration.feedModel = model
        }
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        self.clock = clock
        self.starling = Starling(configuration: configuration, repositories: repositories,
                                 clock: clock ?? SystemWallClock(), logger: logger, blobs: media ?? memory, caches: caches, queue: queue)
    }

    public static func make(_ backend: Backend, rateLimits: Bool = false, clock: ManualClock? = nil) async throws -> TestStarling {
        TestStarling(repositories: try await backend.repositories(), rateLimits: rateLimits, clock: clock)
    }

    public var repositories: Repositories { starling.repositories }

    /// Runs `body` against the application through the router, with the background services running.
    public func test<T: Sendable>(_ body: @Sendable (API) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = starling.application(logger: logger, extraServices: services)
        return try await app.test(.router) { client in
            try await body(API(client: client, starling: self))
        }
    }

    /// Waits until every recorded job has run.
    public func settle() async throws {
        try await starling.relay.waitUntilIdle()
    }
}
