import AMQP
import AMQPJobs
import Jobs
import Logging
import Newsfeeds
import ServiceLifecycle
import StarlingCore
import Tweets

extension Starling {
    /// What `starling worker` runs on a broker: one consumer per queue through the one `JobRunner`,
    /// recording failures in the outbox. Each queue has its own concurrency (its prefetch too):
    /// the fanout queue `STARLING_FANOUT_WORKERS`, the default queue `STARLING_DEFAULT_WORKERS`,
    /// either `STARLING_JOB_WORKERS` when unset. Empty when no broker client is among `services`.
    public func brokerConsumers(among services: [any Service], logger: Logger) -> [any Service] {
        guard let client = services.lazy.compactMap({ $0 as? AMQPClient }).first else { return [] }
        var handlers = jobHandlers
        if let pause = configuration.testFanoutBatchPauseMilliseconds {
            handlers.register(FanOutTweetBatchJob.self) { job in try await slowBatch(job, pause: .milliseconds(pause)) }
        }
        let runner = JobRunner(handlers: handlers, policy: RetryPolicy(maxAttempts: configuration.jobMaxAttempts), clock: clock,
                               logger: logger)
        let topology = JobTopology(prefix: configuration.amqpQueuePrefix)
        return topology.queues.map { queue in
            let workers = queue == topology.fanoutQueue ? configuration.fanoutQueueWorkers : configuration.defaultQueueWorkers
            return AMQPJobConsumer(client: client, queue: queue, topology: topology, prefetch: workers, concurrency: workers,
                                   runner: runner, outbox: repositories.outbox, logger: logger)
        }
    }

    /// On a broker, a fanout is shared by every worker: its job records one batch job per 1,000
    /// followers (through the outbox, so the relay publishes them to the fanout queue) instead of
    /// delivering them all itself. Batch jobs run anywhere, broker or not.
    static func shareFanOuts(in handlers: inout JobHandlers, repositories: Repositories, caches: Caches, ids: IDGenerator,
                             onBroker: Bool, audience: FeedAudience = .everyone) {
        let fanOut = FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships, newsfeeds: repositories.newsfeeds,
                                 feedCache: caches.feeds, audience: audience)
        handlers.register(FanOutTweetBatchJob.self) { job in try await fanOut.batch(job) }
        guard onBroker else { return }
        let outbox = repositories.outbox
        handlers.register(FanOutTweetJob.self) { job in
            try await fanOut.split(job) { batches in
                for batch in batches { try await outbox.append(Job(id: ids.next(), batch)) }
            }
        }
    }

    /// Tests only: a batch job delivered 10 followers at a time with a pause after each step, so
    /// that a test sees a batch half written and can kill its worker then. Each step is a batch of
    /// its own sub-range, as idempotent as the whole.
    private func slowBatch(_ job: FanOutTweetBatchJob, pause: Duration) async throws {
        guard job.after < job.through, let tweet = try await repositories.tweets.tweet(id: job.tweetID) else { return }
        let followers = try await repositories.friendships.followerIDs(of: tweet.userID, in: (job.after + 1)...job.through)
        var after = job.after
        for start in stride(from: 0, to: followers.count, by: 10) {
            let end = min(start + 10, followers.count)
            let through = end == followers.count ? job.through : followers[end - 1]
            try await jobHandlers.run(Job(id: 0, FanOutTweetBatchJob(tweetID: job.tweetID, after: after, through: through)))
            after = through
            try await Task.sleep(for: pause)
        }
    }
}
