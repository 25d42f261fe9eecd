import Foundation
import Jobs
import Logging
import StarlingCore
import Synchronization
import Testing

/// The behaviour every `JobQueue` must have: a job it took runs through the `JobRunner`; a failure
/// comes back to the outbox with one more attempt and a later due time; a job nobody handles is
/// dead. `make` builds the queue whose consumer runs `runner` and records into `outbox`; the
/// consumer may run after `enqueue` returned, so outcomes are awaited.
public enum JobQueueContract {
    struct Flaky: Error {}

    struct Ping: JobPayload {
        static let jobName = "contract_ping"
        var n: Int64
    }

    public static func run(outbox: any OutboxStore,
                           make: @Sendable (JobRunner, any OutboxStore) async throws -> any JobQueue) async throws {
        let ran = Mutex<[Int64]>([])
        var handlers = JobHandlers()
        handlers.register(Ping.self) { ping in
            ran.withLock { $0.append(ping.n) }
            if ping.n < 0 { throw Flaky() }
        }
        var logger = Logger(label: "contract")
        logger.logLevel = .critical
        let clock = SystemWallClock()
        let runner = JobRunner(handlers: handlers, policy: RetryPolicy(maxAttempts: 3, firstDelay: 60_000_000), clock: clock,
                               logger: logger)
        let queue = try await make(runner, outbox)

        try await queue.enqueue(PendingJob(job: Job(id: 1, Ping(n: 1))))
        try await eventually { ran.withLock { $0.contains(1) } }
        #expect(try await outbox.pending(limit: 10).isEmpty, "a job that ran leaves nothing")
        #expect(try await outbox.dead(limit: 10).isEmpty)

        let before = clock.nowMicros()
        try await queue.enqueue(PendingJob(job: Job(id: 2, Ping(n: -2)), attempts: 1))
        try await eventually { try await !outbox.pending(limit: 10).isEmpty }
        #expect(try await outbox.pending(limit: 10).map(\.id) == [2], "a failure is recorded back in the outbox")
        #expect(try await outbox.claim(limit: 5, holder: "contract", now: before, leaseUntil: before + 1).isEmpty,
                "to run again only after its back-off")
        let due = before + 3_600_000_000
        #expect(try await outbox.claim(limit: 5, holder: "contract", now: due, leaseUntil: due + 1)
            == [PendingJob(job: Job(id: 2, Ping(n: -2)), attempts: 2)], "with its attempts counted")
        try await outbox.complete(id: 2, holder: "contract")

        try await queue.enqueue(PendingJob(job: Job(id: 3, Ping(n: -3)), attempts: 2))
        try await queue.enqueue(PendingJob(job: Job(id: 4, name: "nobody_handles_this", payload: "{}")))
        try await eventually { try await outbox.dead(limit: 10).count == 2 }
        #expect(try await outbox.dead(limit: 10).map { [$0.job.id, Int64($0.attempts)] } == [[3, 3], [4, 1]],
                "the last allowed failure, and a job with no handler, are dead")
    }

    /// Waits up to ten seconds for `condition`.
    static func eventually(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while try await !condition() {
            try #require(ContinuousClock.now < deadline, "timed out")
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
