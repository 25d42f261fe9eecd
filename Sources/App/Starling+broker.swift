import AMQP
import AMQPJobs
import Jobs
import Logging
import Newsfeeds
import ServiceLifecycle
import StarlingCore
import Tweets

extension Starling {
    /// What `starling worker` runs on a broker: one consumer per queue (fanout, default), each
    /// taking up to `STARLING_JOB_WORKERS` jobs at once (its prefetch) through the one `JobRunner`,
    /// recording failures in the outbox. Empty when no broker client is among `services`.
    public func brokerConsumers(among services: [any Service], logger: Logger) -> [any Service] {
        guard let client = services.lazy.compactMap({ $0 as? AMQPClient }).first else { return [] }
        let runner = JobRunner(handlers: jobHandlers, policy: RetryPolicy(maxAttempts: configuration.jobMaxAttempts), clock: clock,
                               logger: logger)
        let topology = JobTopology(prefix: configuration.amqpQueuePrefix)
        return topology.queues.map { queue in
            AMQPJobConsumer(client: client, queue: queue, topology: topology, prefetch: configuration.jobWorkers, runner: runner,
                            outbox: repositories.outbox, logger: logger)
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
}
