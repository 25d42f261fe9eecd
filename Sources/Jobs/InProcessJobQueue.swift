import StarlingCore

/// A `JobQueue` with no broker: its consumer is the caller. `enqueue` runs the job through the
/// `JobRunner` and records a failure back in the outbox before it returns, so it is responsible for
/// the job only once nothing is left to lose. It is the in-process model of a broker's consumer
/// (the relay bounds how many run at once), and what the `JobQueue` contract is checked against.
public struct InProcessJobQueue: JobQueue {
    private let runner: JobRunner
    private let outbox: any OutboxStore

    public init(runner: JobRunner, outbox: any OutboxStore) {
        self.runner = runner
        self.outbox = outbox
    }

    public func enqueue(_ job: PendingJob) async throws {
        try await runner.process(job, holder: nil, in: outbox)
    }
}
