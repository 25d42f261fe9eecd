import AMQP
import AMQPJobs
import Jobs
import Logging
import ServiceLifecycle
import StarlingCore

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
}
