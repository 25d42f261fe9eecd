import Accounts
import Hummingbird
import MastodonAPI
import MastodonClients
import Media
import StarlingCore
import StarlingHTTP

/// Wires the Mastodon client API face: builds its OAuth use cases on the Mastodon stores and hands
/// it the same use cases the course face maps.
enum MastodonRouter {
    static func add(to router: Router<StarlingRequestContext>, useCases: UseCases, repositories: Repositories, blobs: any BlobStore,
                    ids: IDGenerator, clock: any WallClock, configuration: Configuration, rateLimits: RateLimitPolicy) {
        let stores = repositories.mastodon
        let credentials = useCases.credentials
        let checkPassword = CheckPassword(users: repositories.users, emails: stores.emails, credentials: credentials)
        let actions = MastodonFace.Actions(
            authenticateToken: AuthenticateToken(oauth: stores.oauth),
            registerApplication: RegisterApplication(oauth: stores.oauth, credentials: credentials, ids: ids),
            grantToken: GrantToken(oauth: stores.oauth, checkPassword: checkPassword, credentials: credentials, clock: clock),
            authorizeApplication: AuthorizeApplication(oauth: stores.oauth, credentials: credentials, clock: clock),
            revokeToken: RevokeToken(oauth: stores.oauth), checkPassword: checkPassword,
            postTweet: useCases.postTweet, deleteTweet: useCases.deleteTweet, readTimeline: useCases.readTimeline,
            hydrateTweets: useCases.hydrateTweets, readNewsfeed: useCases.readNewsfeed, commentOnTweet: useCases.commentOnTweet,
            hydrateComments: useCases.hydrateComments, likeObject: useCases.likeObject, retweetTweet: useCases.retweetTweet, follow: useCases.follow,
            followCounts: useCases.followCounts, images: StoreImages(blobs: blobs, maximumBytes: configuration.maximumImageBytes))
        let face = MastodonFace(
            stores: .init(users: repositories.users, tweets: repositories.tweets, comments: repositories.comments,
                          friendships: repositories.friendships, notifications: repositories.notifications, mastodon: stores, blobs: blobs),
            actions: actions, ids: ids, rateLimits: rateLimits)
        face.addRoutes(to: router)
    }
}
