import Jobs
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// A broker that records what it was handed, and refuses the first hand-over of the jobs in `refuseOnce`.
final class RecordingQueue: JobQueue {
    private let state: Mutex<(handed: [Int64], refuse: Set<Int64>)>

    init(refuseOnce: Set<Int64> = []) { state = Mutex(([], refuseOnce)) }

    var handed: [Int64] { state.withLock { $0.handed } }

    func enqueue(_ job: PendingJob) async throws {
        try state.withLock { state in
            if state.refuse.remove(job.id) != nil { throw Flaky() }
            state.handed.append(job.id)
        }
    }
}

/// The relay finds work nobody told it about by polling: jobs another process wrote, and jobs
/// whose hand-over failed and are due again later. Nothing here nudges it.
@Suite(.testDatabases) struct OutboxRelayPollTests {
    @Test(arguments: Backend.allCases) func theRelayPicksUpJobsItWasNotToldAbout(_ backend: Backend) async throws {
        let outbox = try await backend.repositories().outbox
        let queue = RecordingQueue(refuseOnce: [2])
        let relay = OutboxRelay(outbox: outbox, queue: queue, clock: SystemWallClock(), logger: quietLogger,
                                pollInterval: .milliseconds(20), retryDelay: .milliseconds(50))
        try await outbox.append(Job(id: 1, Ping(n: 1)))
        try await withServices([relay]) {
            try await eventually { queue.handed == [1] }  // the relay's first look, at start
            try await outbox.append(Job(id: 2, Ping(n: 2)))  // written by another process: no nudge
            try await eventually { queue.handed == [1, 2] }  // refused once, due again 50 ms later
            try await outbox.append(Job(id: 3, Ping(n: 3)))
            try await eventually { queue.handed == [1, 2, 3] }
        }
        #expect(try await outbox.pending(limit: 10).isEmpty)
    }
}
