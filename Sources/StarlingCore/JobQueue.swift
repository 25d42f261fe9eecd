/// The message queue port: where a relay hands claimed outbox jobs over to a broker.
///
/// A broker's consumer runs each job through the one `JobRunner` and, when it fails, records it
/// back in the outbox with its attempt count (`OutboxStore.reschedule` / `bury`), so the outbox
/// stays the one place of retries and dead jobs.
public protocol JobQueue: Sendable {
    /// Hands `job` over and returns once the queue is responsible for it (a durable broker once it
    /// confirmed the message). Until this returns, the job stays claimed in the outbox.
    func enqueue(_ job: PendingJob) async throws
}
