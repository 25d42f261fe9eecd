import Accounts
import Comments
import Friendships
import Hummingbird
import Likes
import MastodonClients
import Media
import Newsfeeds
import Notifications
import StarlingCore
import StarlingHTTP
import Tweets

/// The Mastodon client API face: Mastodon's routes, OAuth and JSON over Starling's use cases, so
/// that Mastodon apps and libraries (Mastodon.py, toot) work against Starling unchanged. The API
/// routes sit behind bearer-token authentication; the authorize page uses the web session.
public struct MastodonFace: Sendable {
    /// The stores the face reads directly (lists and lookups no use case wraps).
    public struct Stores: Sendable {
        public var users: any UserRepository
        public var tweets: any TweetRepository
        public var comments: any CommentRepository
        public var friendships: any FriendshipRepository
        public var notifications: any NotificationRepository
        public var mastodon: MastodonRepositories
        public var blobs: any BlobStore

        public init(users: any UserRepository, tweets: any TweetRepository, comments: any CommentRepository,
                    friendships: any FriendshipRepository, notifications: any NotificationRepository, mastodon: MastodonRepositories,
                    blobs: any BlobStore) {
            self.users = users
            self.tweets = tweets
            self.comments = comments
            self.friendships = friendships
            self.notifications = notifications
            self.mastodon = mastodon
            self.blobs = blobs
        }
    }

    /// The use cases it maps requests to.
    public struct Actions: Sendable {
        public var authenticateToken: AuthenticateToken
        public var registerApplication: RegisterApplication
        public var grantToken: GrantToken
        public var authorizeApplication: AuthorizeApplication
        public var revokeToken: RevokeToken
        public var checkPassword: CheckPassword
        public var postTweet: PostTweet
        public var deleteTweet: DeleteTweet
        public var readTimeline: ReadTimeline
        public var hydrateTweets: HydrateTweets
        public var readNewsfeed: ReadNewsfeed
        public var commentOnTweet: CommentOnTweet
        public var hydrateComments: HydrateComments
        public var likeObject: LikeObject
        public var retweetTweet: RetweetTweet
        public var follow: Follow
        public var followCounts: FollowCounts
        /// Stores uploaded images (`POST /api/v2/media`).
        public var images: StoreImages

        public init(authenticateToken: AuthenticateToken, registerApplication: RegisterApplication, grantToken: GrantToken,
                    authorizeApplication: AuthorizeApplication, revokeToken: RevokeToken, checkPassword: CheckPassword,
                    postTweet: PostTweet, deleteTweet: DeleteTweet, readTimeline: ReadTimeline, hydrateTweets: HydrateTweets,
                    readNewsfeed: ReadNewsfeed, commentOnTweet: CommentOnTweet, hydrateComments: HydrateComments,
                    likeObject: LikeObject, retweetTweet: RetweetTweet, follow: Follow, followCounts: FollowCounts, images: StoreImages) {
            self.authenticateToken = authenticateToken
            self.registerApplication = registerApplication
            self.grantToken = grantToken
            self.authorizeApplication = authorizeApplication
            self.revokeToken = revokeToken
            self.checkPassword = checkPassword
            self.postTweet = postTweet
            self.deleteTweet = deleteTweet
            self.readTimeline = readTimeline
            self.hydrateTweets = hydrateTweets
            self.readNewsfeed = readNewsfeed
            self.commentOnTweet = commentOnTweet
            self.hydrateComments = hydrateComments
            self.likeObject = likeObject
            self.retweetTweet = retweetTweet
            self.follow = follow
            self.followCounts = followCounts
            self.images = images
        }
    }

    let stores: Stores
    let actions: Actions
    let ids: IDGenerator
    let rateLimits: RateLimitPolicy
    let pending = PendingMedia()
    let counter = RateWindowCounter()

    public init(stores: Stores, actions: Actions, ids: IDGenerator, rateLimits: RateLimitPolicy) {
        self.stores = stores
        self.actions = actions
        self.ids = ids
        self.rateLimits = rateLimits
    }

    /// Adds every Mastodon route to `router`.
    public func addRoutes(to router: Router<StarlingRequestContext>) {
        let statuses = StatusRenderer(tweets: stores.tweets, comments: stores.comments, hydrateTweets: actions.hydrateTweets,
                                      hydrateComments: actions.hydrateComments)
        let api = router.group("")
            .add(middleware: MastodonErrorMiddleware())
            .add(middleware: MastodonAuthMiddleware(authenticate: actions.authenticateToken, rateLimits: rateLimits, counter: counter))
        OAuthController(register: actions.registerApplication, grant: actions.grantToken, revoke: actions.revokeToken,
                        rateLimits: rateLimits).addRoutes(to: api)
        InstanceController(users: stores.users).addRoutes(to: api)
        AccountsController(users: stores.users, friendships: stores.friendships, follow: actions.follow, counts: actions.followCounts,
                           readTimeline: actions.readTimeline, statuses: statuses).addRoutes(to: api)
        StatusesController(statuses: statuses, postTweet: actions.postTweet, deleteTweet: actions.deleteTweet,
                           commentOnTweet: actions.commentOnTweet, likeObject: actions.likeObject, retweetTweet: actions.retweetTweet,
                           comments: stores.comments,
                           idempotencyKeys: stores.mastodon.idempotencyKeys, pending: pending, images: actions.images,
                           blobs: stores.blobs, rateLimits: rateLimits).addRoutes(to: api)
        TimelinesController(readNewsfeed: actions.readNewsfeed, publicTimeline: stores.mastodon.publicTimeline, tweets: stores.tweets,
                            statuses: statuses).addRoutes(to: api)
        NotificationsController(notifications: stores.notifications, dismissals: stores.mastodon.dismissals, users: stores.users,
                                tweets: stores.tweets, comments: stores.comments, statuses: statuses, ids: ids).addRoutes(to: api)
        MediaController(images: actions.images, pending: pending, ids: ids).addRoutes(to: api)
        let pages = router.group("").add(middleware: MastodonErrorMiddleware())
        AuthorizePage(authorize: actions.authorizeApplication, checkPassword: actions.checkPassword, rateLimits: rateLimits)
            .addRoutes(to: pages)
    }
}
