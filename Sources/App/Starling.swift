import Accounts
import Friendships
import Hummingbird
import Logging
import Newsfeeds
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
    /// Every route, behind the error and authentication middleware.
    public let responder: RouterResponder<StarlingRequestContext>
    /// Moves recorded jobs to the queue.
    public let relay: OutboxRelay
    /// The services to run beside the HTTP server.
    public let services: [any Service]

    /// - Parameter queue: replaces the in-process job queue (tests use a queue that never
    ///   delivers to simulate a crash between commit and hand-over).
    public init(configuration: Configuration, repositories: Repositories, clock: any WallClock = SystemWallClock(),
                logger: Logger, queue: (any JobQueue)? = nil) {
        self.configuration = configuration
        self.repositories = repositories
        self.clock = clock
        let ids = IDGenerator(clock: clock)
        self.ids = ids

        var handlers = JobHandlers()
        FeedMaintenance.register(
            in: &handlers,
            fanOut: FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships, newsfeeds: repositories.newsfeeds),
            maintenance: FeedMaintenance(tweets: repositories.tweets, friendships: repositories.friendships,
                                         newsfeeds: repositories.newsfeeds))
        let inProcess = InProcessJobQueue(handlers: handlers, workers: configuration.jobWorkers, logger: logger)
        let relay = OutboxRelay(outbox: repositories.outbox, queue: queue ?? inProcess, logger: logger)
        self.relay = relay
        self.services = queue == nil ? [inProcess, relay] : [relay]

        let rateLimits = RateLimitPolicy(limiter: MemoryRateLimiter(clock: clock), enabled: configuration.rateLimitsEnabled,
                                         overrides: configuration.rateLimitOverrides)
        let credentials = Credentials(bcryptCost: configuration.bcryptCost)
        let jobsRecorded: @Sendable () -> Void = { relay.nudge() }
        let renderer = TweetRenderer(users: repositories.users)

        let router = Router(context: StarlingRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthenticationMiddleware(
            authenticate: Authenticate(users: repositories.users, sessions: repositories.sessions, clock: clock)))
        router.get("healthz") { _, _ in try JSONBody.response(["status": "ok"]) }
        AccountsController(users: repositories.users, sessions: repositories.sessions, credentials: credentials,
                           ids: ids, clock: clock, rateLimits: rateLimits).addRoutes(to: router)
        ProfilesController(users: repositories.users).addRoutes(to: router)
        UsersController(users: repositories.users).addRoutes(to: router)
        TweetsController(tweets: repositories.tweets, users: repositories.users, renderer: renderer, ids: ids,
                         rateLimits: rateLimits, jobsRecorded: jobsRecorded).addRoutes(to: router)
        FriendshipsController(friendships: repositories.friendships, users: repositories.users, ids: ids,
                              rateLimits: rateLimits, jobsRecorded: jobsRecorded).addRoutes(to: router)
        NewsfeedsController(newsfeeds: repositories.newsfeeds, tweets: repositories.tweets, renderer: renderer,
                            rateLimits: rateLimits).addRoutes(to: router)
        self.responder = router.buildResponder()
    }

    /// The HTTP application with the background services.
    public func application(logger: Logger, extraServices: [any Service] = []) -> some ApplicationProtocol {
        Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "starling"),
            services: extraServices + services,  // shut down in reverse: the extras (the store) last
            logger: logger)
    }
}
