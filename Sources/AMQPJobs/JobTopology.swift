import AMQP
import StarlingCore

/// Which broker queue a job goes to, as the course does it: fanout work on a queue of its own
/// (so a celebrity's fanout never holds up notifications), everything else on the default queue.
/// Both queues are durable, and every message persistent.
public struct JobTopology: Sendable, Hashable {
    /// The queue of fanout jobs (`fan_out_*`).
    public var fanoutQueue: String
    /// The queue of every other job.
    public var defaultQueue: String

    public init(prefix: String = "starling") {
        fanoutQueue = "\(prefix).fanout"
        defaultQueue = "\(prefix).default"
    }

    public var queues: [String] { [defaultQueue, fanoutQueue] }

    /// The queue a job named `name` goes to.
    public func queue(for name: String) -> String {
        name.hasPrefix("fan_out") ? fanoutQueue : defaultQueue
    }

    /// Declares the queues (idempotent; every publisher and consumer does it on a new channel).
    public func declare(on channel: AMQPChannel) async throws {
        for queue in queues { try await channel.declareQueue(queue, durable: true) }
    }
}
