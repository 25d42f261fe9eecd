import Jobs
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

@Suite(.testDatabases) struct OutboxWorkerTests {
    @Test(arguments: Backend.allCases) func theWorkerRunsEveryJobOnceAndEmptiesTheOutbox(_ backend: Backend) async throws {
        let outbox = try await backend.repositories().outbox
        let (handlers, runs) = countingHandlers()
        for n in Int64(1)...40 { try await outbox.append(Job(id: n, Ping(n: n))) }
        let worker = worker(outbox, handlers, workers: 3)
        try await withServices([worker]) { try await worker.waitUntilIdle(timeout: .seconds(30)) }
        #expect(runs.withLock { $0 } == Dictionary(uniqueKeysWithValues: (Int64(1)...40).map { ($0, 1) }))
        #expect(try await outbox.pending(limit: 10).isEmpty)
    }

    @Test(arguments: Backend.allCases) func aJobWithNoHandlerIsDeadAtOnce(_ backend: Backend) async throws {
        let outbox = try await backend.repositories().outbox
        let (handlers, _) = countingHandlers()
        try await outbox.append(Job(id: 7, name: "written_by_a_newer_release", payload: "{}"))
        let worker = worker(outbox, handlers)
        try await withServices([worker]) {
            try await eventually { try await !outbox.dead(limit: 1).isEmpty }
        }
        let dead = try await outbox.dead(limit: 10)
        #expect(dead.map(\.job.id) == [7] && dead.first?.attempts == 1)
        #expect(dead.first?.lastError.contains("no handler") == true)
        #expect(try await outbox.pending(limit: 10).isEmpty)
    }

    @Test(arguments: Backend.allCases) func aJobThatAlwaysFailsIsDeadAfterTheLastAttempt(_ backend: Backend) async throws {
        let outbox = try await backend.repositories().outbox
        let (handlers, runs) = countingHandlers()
        try await outbox.append(Job(id: 1, Ping(n: -1)))
        let worker = worker(outbox, handlers, policy: RetryPolicy(maxAttempts: 4, firstDelay: 1_000, maximumDelay: 5_000))
        try await withServices([worker]) {
            try await eventually { try await !outbox.dead(limit: 1).isEmpty }
            try await worker.waitUntilIdle(timeout: .seconds(30))  // nothing pending, nothing in flight
        }
        #expect(runs.withLock { $0[-1] } == 4, "tried exactly the allowed number of times")
        let dead = try #require(try await outbox.dead(limit: 10).first)
        #expect(dead.attempts == 4 && dead.lastError.contains("Flaky"))
        #expect(try await outbox.pending(limit: 10).isEmpty)
    }

    @Test(arguments: Backend.allCases) func manyFailingJobsDoNotStarveANewOne(_ backend: Backend) async throws {
        let outbox = try await backend.repositories().outbox
        let (handlers, runs) = countingHandlers()
        for n in Int64(1)...150 { try await outbox.append(Job(id: n, Ping(n: -n))) }
        let worker = worker(outbox, handlers, policy: RetryPolicy(firstDelay: 500_000), workers: 2)
        try await withServices([worker]) {
            try await eventually { runs.withLock { $0.count } == 150 }
            let failuresBefore = runs.failures
            try await outbox.append(Job(id: 1_000, Ping(n: 1_000)))
            worker.nudge()
            let waited = try await ContinuousClock().measure {
                try await eventually { runs.withLock { $0[1_000] } == 1 }
            }
            let overtaken = try #require(runs.failures(before: 1_000)) - failuresBefore
            // Only attempts already claimed when it was recorded overtake it: those running, those
            // recording their outcome, and one claim in progress (two workers each).
            #expect(overtaken <= 6, "the new job ran after at most the attempts already claimed (\(overtaken) overtook it)")
            #expect(waited < .seconds(5), "the new job ran in \(waited) while 150 older ones kept failing")
        }
        #expect(try await outbox.pending(limit: 200).count == 150, "the failing ones wait for their retry")
    }

    @Test(arguments: Backend.allCases) func aRestartedWorkerKeepsTheBackOff(_ backend: Backend) async throws {
        let outbox: any OutboxStore
        let reopen: @Sendable () async throws -> any OutboxStore
        if backend == .memory {
            let memory = try await backend.repositories().outbox
            (outbox, reopen) = (memory, { memory })
        } else {
            let (repositories, reopenRepositories) = try await backend.reopenableRepositories()
            (outbox, reopen) = (repositories.outbox, { try await reopenRepositories().outbox })
        }
        try await outbox.append(Job(id: 1, Ping(n: -1)))
        let clock = ManualClock()
        try await runOnce(outbox, clock: clock)
        try await expectBackOffKept(try await reopen(), clock: clock)
    }

    private let policy = RetryPolicy(maxAttempts: 10, firstDelay: 30_000_000)

    /// A first worker tries the job once (it fails), then stops.
    private func runOnce(_ outbox: any OutboxStore, clock: ManualClock) async throws {
        let (handlers, runs) = countingHandlers()
        let first = worker(outbox, handlers, clock: clock, policy: policy)
        try await withServices([first]) {
            try await eventually { runs.withLock { $0[-1] } == 1 }
            // Its failure is recorded once the job can be claimed after its back-off (before, the
            // worker's lease holds it): a probe claims it there and gives it back as it was.
            let afterBackOff = clock.nowMicros() + 31_000_000
            try await eventually {
                guard let job = try await outbox.claim(limit: 1, holder: "probe", now: afterBackOff, leaseUntil: afterBackOff + 1).first else {
                    return false
                }
                try await outbox.release(id: job.id, holder: "probe", at: clock.nowMicros() + 30_000_000)
                return true
            }
        }
    }

    /// A new worker over the same store waits for the back-off the first one recorded.
    private func expectBackOffKept(_ outbox: any OutboxStore, clock: ManualClock) async throws {
        let (handlers, runs) = countingHandlers()
        let second = worker(outbox, handlers, clock: clock, policy: policy)
        try await withServices([second]) {
            clock.advance(seconds: 29)
            try await Task.sleep(for: .milliseconds(300))
            #expect(runs.withLock { $0[-1] } == nil, "not retried before its back-off ran out")
            clock.advance(seconds: 2)
            try await eventually { runs.withLock { $0[-1] } == 1 }
        }
        #expect(try await outbox.claim(limit: 1, holder: "t", now: clock.nowMicros() + 59_000_000, leaseUntil: .max).isEmpty,
                "the second failure doubled the wait")
    }
}
