import CourseAPI
import Hummingbird
import StarlingCore
import StarlingHTTP
import WebApp

/// The router of the course-compatible REST API face: every route over the use cases, behind
/// the error and authentication middleware, with 405 for other methods on known paths.
enum CourseRouter {
    static func build(useCases: UseCases, repositories: Repositories, blobs: any BlobStore,
                      rateLimits: RateLimitPolicy, operations: OperationsController) -> Router<StarlingRequestContext> {
        let router = Router(context: StarlingRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: AuthenticationMiddleware(authenticate: useCases.authenticate))
        router.get("healthz") { _, _ in JSONBody.response(literal: #"{"status":"ok"}"#) }
        operations.addRoutes(to: router)
        OpenAPIDocument().addRoutes(to: router)
        AccountsController(users: repositories.users, signUp: useCases.signUp, logIn: useCases.logIn, logOut: useCases.logOut,
                           rateLimits: rateLimits).addRoutes(to: router)
        ProfilesController(users: repositories.users, updateProfile: useCases.updateProfile, counts: [useCases.followCounts])
            .addRoutes(to: router)
        UsersController(users: repositories.users).addRoutes(to: router)
        MediaController(blobs: blobs).addRoutes(to: router)
        TweetsController(tweets: repositories.tweets, users: repositories.users, hydrate: useCases.hydrateTweets,
                         readTimeline: useCases.readTimeline, post: useCases.postTweet, delete: useCases.deleteTweet,
                         rateLimits: rateLimits,
                         sections: [CommentsSection(comments: repositories.comments, hydrate: useCases.hydrateComments),
                                    LikesSection(likes: repositories.likes, users: repositories.users)]).addRoutes(to: router)
        CommentsController(comments: repositories.comments, tweets: repositories.tweets, hydrate: useCases.hydrateComments,
                           commentOnTweet: useCases.commentOnTweet, rateLimits: rateLimits).addRoutes(to: router)
        LikesController(users: repositories.users, likeObject: useCases.likeObject, rateLimits: rateLimits).addRoutes(to: router)
        RetweetsController(retweet: useCases.retweetTweet, hydrate: useCases.hydrateTweets, rateLimits: rateLimits).addRoutes(to: router)
        NotificationsController(notifications: repositories.notifications, users: repositories.users, rateLimits: rateLimits)
            .addRoutes(to: router)
        FriendshipsController(friendships: repositories.friendships, users: repositories.users, follow: useCases.follow,
                              rateLimits: rateLimits).addRoutes(to: router)
        NewsfeedsController(read: useCases.readNewsfeed, tweets: repositories.tweets, hydrate: useCases.hydrateTweets,
                            rateLimits: rateLimits).addRoutes(to: router)
        WebAppController().addRoutes(to: router)
        router.answerOtherMethods()
        return router
    }
}
