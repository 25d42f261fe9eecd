import Accounts
import Comments
import Friendships
import Likes
import Logging
import Media
import Newsfeeds
import StarlingCore
import Tweets

/// Every use case of Starling, built once by the composition root and handed to the faces, which
/// map requests to them and their results to a wire format. Faces never build a use case.
public struct UseCases: Sendable {
    public let authenticate: Authenticate
    public let signUp: SignUp
    public let logIn: LogIn
    public let logOut: LogOut
    public let updateProfile: UpdateProfile
    public let postTweet: PostTweet
    public let deleteTweet: DeleteTweet
    public let retweetTweet: RetweetTweet
    public let readTimeline: ReadTimeline
    public let hydrateTweets: HydrateTweets
    public let follow: Follow
    public let followCounts: FollowCounts
    public let readNewsfeed: ReadNewsfeed
    /// The celebrity sweep, and an admin's choice for one user.
    public let flagCelebrities: FlagCelebrities
    public let commentOnTweet: CommentOnTweet
    public let hydrateComments: HydrateComments
    public let likeObject: LikeObject
    /// Password hashing and tokens, shared by both faces (one decoy hash per process).
    let credentials: Credentials

    /// - Parameter jobsRecorded: called after a change recorded a job, to wake the job runner.
    init(repositories: Repositories, caches: Caches, objects: ObjectCache, blobs: any BlobStore, ids: IDGenerator,
         clock: any WallClock, configuration: Configuration, logger: Logger, jobsRecorded: @escaping @Sendable () -> Void) {
        let credentials = Credentials(bcryptCost: configuration.bcryptCost)
        self.credentials = credentials
        let startSession = StartSession(sessions: repositories.sessions, credentials: credentials, clock: clock)
        let outbox = repositories.outbox
        let images = StoreImages(blobs: blobs, maximumBytes: configuration.maximumImageBytes) { keys in
            // Blobs the store could not delete now are deleted by a job, retried until it can.
            do {
                try await outbox.append(Job(id: ids.next(), DeleteBlobsJob(keys: keys)))
                jobsRecorded()
            } catch {
                logger.error("could not record the deletion of orphaned media", metadata: ["keys": "\(keys)", "error": "\(error)"])
            }
        }
        let lists = CachedListReader(cache: caches.feeds, logger: logger, waitMilliseconds: configuration.feedFillWaitMilliseconds)
        let rules = configuration.feedRules
        let recordActivity = RecordActivity(activity: repositories.activity, clock: clock, ids: ids, inactiveMicros: rules.inactiveMicros,
                                            logger: logger, jobsRecorded: jobsRecorded)
        authenticate = Authenticate(sessions: repositories.sessions, clock: clock, recordActivity: rules.model == .hybrid ? recordActivity : nil)
        signUp = SignUp(users: repositories.users, sessions: startSession, credentials: credentials, ids: ids)
        logIn = LogIn(users: repositories.users, sessions: startSession, credentials: credentials)
        logOut = LogOut(sessions: repositories.sessions, ids: ids)
        updateProfile = UpdateProfile(users: repositories.users, images: images)
        postTweet = PostTweet(tweets: repositories.tweets, images: images, feedCache: caches.feeds, ids: ids, jobsRecorded: jobsRecorded)
        deleteTweet = DeleteTweet(tweets: repositories.tweets, feedCache: caches.feeds, ids: ids, jobsRecorded: jobsRecorded)
        retweetTweet = RetweetTweet(tweets: repositories.tweets, feedCache: caches.feeds, ids: ids, jobsRecorded: jobsRecorded)
        readTimeline = ReadTimeline(tweets: repositories.tweets, users: repositories.users, reader: lists)
        hydrateTweets = HydrateTweets(users: repositories.users, likes: repositories.likes, tweets: repositories.tweets,
                                      marks: repositories.viewerMarks)
        followCounts = FollowCounts(friendships: repositories.friendships, objects: objects, logger: logger)
        follow = Follow(friendships: repositories.friendships, users: repositories.users, counts: followCounts, ids: ids,
                        jobsRecorded: jobsRecorded)
        readNewsfeed = ReadNewsfeed(newsfeeds: repositories.newsfeeds, reader: lists, switches: caches.switches,
                                    sources: repositories.feedSources, rules: rules, clock: clock)
        flagCelebrities = FlagCelebrities(celebrities: repositories.celebrities, clock: clock, ids: ids,
                                          threshold: configuration.celebrityFollowers, jobsRecorded: jobsRecorded)
        commentOnTweet = CommentOnTweet(comments: repositories.comments, tweets: repositories.tweets, ids: ids, jobsRecorded: jobsRecorded)
        hydrateComments = HydrateComments(users: repositories.users, likes: repositories.likes)
        likeObject = LikeObject(likes: repositories.likes, tweets: repositories.tweets, comments: repositories.comments, ids: ids,
                                jobsRecorded: jobsRecorded)
    }
}
