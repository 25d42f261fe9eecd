import Accounts
import Jobs
import Logging
import Media
import Newsfeeds
import Notifications
import StarlingCore
import Tweets

extension Starling {
    /// The handler of every job, by name: what the workers of any role run.
    static func jobHandlers(repositories: Repositories, caches: Caches, objects: ObjectCache, blobs: any BlobStore,
                            audience: FeedAudience = .everyone) -> JobHandlers {
        var handlers = JobHandlers()
        FeedMaintenance.register(
            in: &handlers,
            fanOut: FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships, newsfeeds: repositories.newsfeeds,
                                feedCache: caches.feeds, audience: audience),
            maintenance: FeedMaintenance(tweets: repositories.tweets, friendships: repositories.friendships,
                                         newsfeeds: repositories.newsfeeds, feedCache: caches.feeds, objects: objects,
                                         audience: audience, activity: repositories.activity))
        Notify(notifications: repositories.notifications, tweets: repositories.tweets, comments: repositories.comments,
               likes: repositories.likes, friendships: repositories.friendships).register(in: &handlers)
        handlers.register(DeleteBlobsJob.self) { job in for key in job.keys { try await blobs.delete(key) } }
        handlers.register(ForgetCachedSessionJob.self) { job in try await objects.invalidateOrThrow([CacheKeys.session(job.tokenHash)]) }
        handlers.register(ForgetCachedObjectsJob.self) { job in try await objects.invalidateOrThrow(job.keys) }
        return handlers
    }

    /// What takes jobs out of the outbox: with no broker, a worker that runs them here; with one, a
    /// relay that hands them over (its consumer runs them through the same `JobRunner`).
    static func outboxProcessor(configuration: Configuration, outbox: any OutboxStore, handlers: JobHandlers, queue: (any JobQueue)?,
                                clock: any WallClock, logger: Logger) -> any OutboxProcessor {
        let lease = Duration.seconds(configuration.jobLeaseSeconds)
        if let queue {
            return OutboxRelay(outbox: outbox, queue: queue, clock: clock, logger: logger, lease: lease)
        }
        let runner = JobRunner(handlers: handlers, policy: RetryPolicy(maxAttempts: configuration.jobMaxAttempts), clock: clock,
                               logger: logger)
        return OutboxWorker(outbox: outbox, runner: runner, clock: clock, logger: logger, workers: configuration.jobWorkers,
                            lease: lease)
    }
}
