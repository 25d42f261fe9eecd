import Accounts
import Comments
import Friendships
import Hummingbird
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
    /// Every route, behind the error and authentication middleware; HEAD answered as GET.
    public let responder: HeadResponder<RouterResponder<StarlingRequestContext>>
    /// Moves recorded jobs to the queue.
    public let relay: OutboxRelay
    /// The services to run beside the HTTP server.
    public let services: [any Service]

    /// - Parameters:
    ///   - blobs: the media store; files under the data directory when nil.
    ///   - caches: in-process caches when nil.
    ///   - queue: replaces the in-process job queue (tests use a queue that never delivers to
    ///     simulate a crash between commit and hand-over).
    public init(configuration: Configuration, repositories store: Repositories, clock: any WallClock = SystemWallClock(),
                logger: Logger, blobs: (any BlobStore)? = nil, caches: Caches? = nil, queue: (any JobQueue)? = nil) {
        self.configuration = configuration
        let caches = caches ?? .inProcess(clock: clock, feedCap: configuration.feedCacheCap)
        self.caches = caches
        let ids = IDGenerator(clock: clock)
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

        var handlers = JobHandlers()
        FeedMaintenance.register(
            in: &handlers,
            fanOut: FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships, newsfeeds: repositories.newsfeeds,
                                feedCache: caches.feeds),
            maintenance: FeedMaintenance(tweets: repositories.tweets, friendships: repositories.friendships,
                                         newsfeeds: repositories.newsfeeds, feedCache: caches.feeds, objects: objects))
        Notify(notifications: repositories.notifications, tweets: repositories.tweets, comments: repositories.comments,
               likes: repositories.likes, friendships: repositories.friendships).register(in: &handlers)
        handlers.register(DeleteBlobsJob.self) { job in for key in job.keys { try await blobs.delete(key) } }
        handlers.register(ForgetCachedSessionJob.self) { job in try await objects.invalidateOrThrow([CacheKeys.session(job.tokenHash)]) }
        handlers.register(ForgetCachedObjectsJob.self) { job in try await objects.invalidateOrThrow(job.keys) }
        let inProcess = InProcessJobQueue(handlers: handlers, workers: configuration.jobWorkers, logger: logger)
        let relay = OutboxRelay(outbox: repositories.outbox, queue: queue ?? inProcess, logger: logger)
        self.relay = relay
        self.services = queue == nil ? [inProcess, relay] : [relay]

        let rateLimits = RateLimitPolicy(limiter: caches.rateLimiter, enabled: configuration.rateLimitsEnabled,
                                         overrides: configuration.rateLimitOverrides)
        let credentials = Credentials(bcryptCost: configuration.bcryptCost)
        let jobsRecorded: @Sendable () -> Void = { relay.nudge() }
        let images = StoreImages(blobs: blobs, maximumBytes: configuration.maximumImageBytes)
        let renderer = TweetRenderer(users: repositories.users, likes: repositories.likes)
        let commentRenderer = CommentRenderer(users: repositories.users, likes: repositories.likes)

        let router = Router(context: StarlingRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthenticationMiddleware(
            authenticate: Authenticate(sessions: repositories.sessions, clock: clock)))
        router.get("healthz") { _, _ in try JSONBody.response(["status": "ok"]) }
        AccountsController(users: repositories.users, sessions: repositories.sessions, credentials: credentials,
                           ids: ids, clock: clock, rateLimits: rateLimits).addRoutes(to: router)
        let followCounts = FollowCounts(friendships: repositories.friendships, objects: objects, logger: logger)
        ProfilesController(users: repositories.users, images: images, counts: [followCounts]).addRoutes(to: router)
        UsersController(users: repositories.users).addRoutes(to: router)
        MediaController(blobs: blobs).addRoutes(to: router)
        let lists = CachedListReader(cache: caches.feeds, logger: logger, waitMilliseconds: configuration.feedFillWaitMilliseconds)
        TweetsController(tweets: repositories.tweets, users: repositories.users, renderer: renderer, images: images,
                         feedCache: caches.feeds, timelines: lists, ids: ids, rateLimits: rateLimits,
                         sections: [CommentsSection(comments: repositories.comments, renderer: commentRenderer),
                                    LikesSection(likes: repositories.likes, users: repositories.users)],
                         jobsRecorded: jobsRecorded).addRoutes(to: router)
        CommentsController(comments: repositories.comments, tweets: repositories.tweets, renderer: commentRenderer, ids: ids,
                           rateLimits: rateLimits, jobsRecorded: jobsRecorded).addRoutes(to: router)
        LikesController(users: repositories.users,
                        likeObject: LikeObject(likes: repositories.likes, tweets: repositories.tweets, comments: repositories.comments,
                                               ids: ids, jobsRecorded: jobsRecorded),
                        rateLimits: rateLimits).addRoutes(to: router)
        NotificationsController(notifications: repositories.notifications, users: repositories.users, rateLimits: rateLimits)
            .addRoutes(to: router)
        FriendshipsController(friendships: repositories.friendships, users: repositories.users, counts: followCounts, ids: ids,
                              rateLimits: rateLimits, jobsRecorded: jobsRecorded).addRoutes(to: router)
        NewsfeedsController(read: ReadNewsfeed(newsfeeds: repositories.newsfeeds, reader: lists, switches: caches.switches),
                            tweets: repositories.tweets, renderer: renderer, rateLimits: rateLimits).addRoutes(to: router)
        router.answerOtherMethods()
        self.responder = HeadResponder(router.buildResponder())
    }

    /// The HTTP application with the background services.
    public func application(logger: Logger, extraServices: [any Service] = []) -> some ApplicationProtocol {
        Application(
            responder: responder,
            server: .http1(limits: configuration.connectionLimits),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "starling",
                                 availableConnectionsDelegate: configuration.connectionLimits.connectionCap(logger: logger)),
            services: extraServices + services,  // shut down in reverse: the extras (the store) last
            logger: logger)
    }
}
