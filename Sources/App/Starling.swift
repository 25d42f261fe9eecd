import Accounts
import Comments
import CourseAPI
import DiskStorage
import Friendships
import Hummingbird
import Jobs
import Likes
import Logging
import Media
import Newsfeeds
import Notifications
import ServiceLifecycle
import StarlingCore
import StarlingHTTP
import Tweets

/// The composition root: builds every use case, controller and background service from the
/// configuration and one set of repositories. Nothing else in Starling reads configuration.
public struct Starling: Sendable {
    public let configuration: Configuration
    public let repositories: Repositories
    public let clock: any WallClock
    public let ids: IDGenerator
    /// Where uploaded images live.
    public let blobs: any BlobStore
    /// The caches in front of the store.
    public let caches: Caches
    /// Every route, behind the error and authentication middleware; HEAD answered as GET; each
    /// request observed (request id, access log line, HTTP metrics).
    public let responder: ObservedResponder<HeadResponder<RouterResponder<StarlingRequestContext>>>
    /// What `GET /readyz` asks: every service this process was configured with.
    public let readiness: Readiness
    /// Takes recorded jobs out of the outbox: the in-process worker, or the relay to a broker.
    public let relay: any OutboxProcessor
    /// The services to run beside the HTTP server.
    public let services: [any Service]
    /// Every use case, built once and shared by the faces.
    public let useCases: UseCases
    /// The handler of every job: what this process's workers or broker consumers run.
    public let jobHandlers: JobHandlers

    /// - Parameters:
    ///   - blobs: the media store; files under the data directory when nil.
    ///   - caches: in-process caches when nil.
    ///   - queue: a broker to relay jobs to instead of running them in this process (tests use a
    ///     queue that never takes one to simulate a crash between commit and hand-over).
    ///   - slot: this process's node slot among the processes sharing the database.
    ///   - readiness: the services `/readyz` checks; the store alone when nil.
    public init(configuration: Configuration, repositories store: Repositories, clock: any WallClock = SystemWallClock(),
                logger: Logger, blobs: (any BlobStore)? = nil, caches: Caches? = nil, queue: (any JobQueue)? = nil,
                slot: NodeSlot = .alone, readiness: Readiness? = nil) {
        MetricsExport.bootstrap()  // before anything makes a metric handle
        self.configuration = configuration
        let caches = caches ?? .inProcess(clock: clock, feedCap: configuration.feedCacheCap, memory: configuration.memoryCache)
        self.caches = caches
        TweetFragments.shared.limit(toBytes: configuration.memoryCache.encodedBytes)
        let ids = IDGenerator(clock: clock, slot: slot)
        self.ids = ids
        let outbox = store.outbox
        // An invalidation the cache missed is recorded in the outbox and retried until it lands.
        let objects = ObjectCache(cache: caches.keyValue, logger: logger) { keys in
            do {
                try await outbox.append(Job(id: ids.next(), ForgetCachedObjectsJob(keys: keys)))
            } catch {
                logger.warning("could not record a cache invalidation to retry", metadata: ["error": "\(error)"])
            }
        }
        let repositories = store.cached(by: objects)
        self.repositories = repositories
        self.clock = clock
        let blobs = blobs ?? DiskBlobStore(root: configuration.mediaDirectory)
        self.blobs = blobs

        let audience = Self.feedAudience(repositories: repositories, configuration: configuration, clock: clock)
        var handlers = Self.jobHandlers(repositories: repositories, caches: caches, objects: objects, blobs: blobs, audience: audience)
        Self.shareFanOuts(in: &handlers, repositories: repositories, caches: caches, ids: ids, onBroker: configuration.amqpURL != nil,
                          audience: audience)
        self.jobHandlers = handlers
        let relay = Self.outboxProcessor(configuration: configuration, outbox: repositories.outbox, handlers: handlers, queue: queue,
                                         clock: clock, logger: logger)
        self.relay = relay

        let rateLimits = RateLimitPolicy(limiter: caches.rateLimiter, enabled: configuration.rateLimitsEnabled,
                                         overrides: configuration.rateLimitOverrides)
        let useCases = UseCases(repositories: repositories, caches: caches, objects: objects, blobs: blobs, ids: ids, clock: clock,
                                configuration: configuration, logger: logger, jobsRecorded: { relay.nudge() })
        self.useCases = useCases
        let sweep = configuration.feedModel == .hybrid ? [CelebritySweep(flagCelebrities: useCases.flagCelebrities, logger: logger)] : []
        self.services = [relay] + sweep
        let readiness = readiness ?? Readiness(checks: [.store(store)])
        self.readiness = readiness
        let operations = OperationsController(readiness: readiness, outbox: store.outbox, clock: clock, caches: caches)
        let router = CourseRouter.build(useCases: useCases, repositories: repositories, blobs: blobs, rateLimits: rateLimits,
                                        operations: operations)
        MastodonRouter.add(to: router, useCases: useCases, repositories: repositories, blobs: blobs, ids: ids, clock: clock,
                           configuration: configuration, rateLimits: rateLimits)
        self.responder = ObservedResponder(HeadResponder(router.buildResponder()))
    }

    /// The HTTP application with the background services.
    public func application(logger: Logger, extraServices: [any Service] = []) -> some ApplicationProtocol {
        Application(
            responder: responder,
            server: .http1(limits: configuration.connectionLimits, executor: configuration.requestExecutor),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "starling",
                                 availableConnectionsDelegate: configuration.connectionLimits.connectionCap(logger: logger)),
            services: extraServices + services,  // shut down in reverse: the extras (the store) last
            logger: logger)
    }
}
