import StarlingCore
import Testing

/// The behaviour every `OutboxStore` must have: claims with leases, completion by the holder,
/// failures kept in the row (back-off, dead jobs), and exclusive claims under concurrency.
public enum OutboxStoreContract {
    static let lease: Int64 = 1_000

    public static func run(_ outbox: any OutboxStore) async throws {
        try await claimsAreLeasedAndExclusive(outbox)
        try await failuresAreKeptInTheRow(outbox)
        try await deadJobsWaitForAnOperator(outbox)
        try await concurrentClaimersNeverShareAJob(outbox)
    }

    static func job(_ id: Int64) -> Job {
        Job(id: id, name: "contract", payload: #"{"n":\#(id)}"#)
    }

    static func claimsAreLeasedAndExclusive(_ outbox: any OutboxStore) async throws {
        for id in Int64(1)...3 { try await outbox.append(job(id)) }
        let first = try await outbox.claim(limit: 2, holder: "a", now: 100, leaseUntil: 100 + lease)
        #expect(first == [PendingJob(job: job(1)), PendingJob(job: job(2))], "oldest first, with the job's text intact")
        #expect(try await outbox.claim(limit: 5, holder: "b", now: 200, leaseUntil: 200 + lease).map(\.id) == [3],
                "a leased job is nobody else's")
        #expect(try await outbox.pending(limit: 10).map(\.id) == [1, 2, 3], "claimed jobs are still pending")
        #expect(try await outbox.claim(limit: 5, holder: "c", now: 300, leaseUntil: 300 + lease).isEmpty)

        try await outbox.complete(id: 1, holder: "b")
        #expect(try await outbox.pending(limit: 10).map(\.id) == [1, 2, 3], "only the holder completes a job")
        try await outbox.complete(id: 1, holder: "a")
        #expect(try await outbox.pending(limit: 10).map(\.id) == [2, 3])

        try await outbox.release(id: 2, holder: "a", at: 500)
        #expect(try await outbox.claim(limit: 5, holder: "c", now: 400, leaseUntil: 400 + lease).isEmpty, "released for later")
        #expect(try await outbox.claim(limit: 5, holder: "c", now: 500, leaseUntil: 500 + lease).map(\.id) == [2])

        // The holder died: once the lease ran out, another claims the job.
        #expect(try await outbox.claim(limit: 5, holder: "d", now: 200 + lease, leaseUntil: 200 + 2 * lease).map(\.id) == [3])
        try await outbox.complete(id: 3, holder: "b")
        #expect(try await outbox.pending(limit: 10).map(\.id) == [2, 3], "a lapsed holder no longer completes it")
        try await outbox.complete(id: 3, holder: "d")
        try await outbox.complete(id: 2, holder: "c")
        #expect(try await outbox.pending(limit: 10).isEmpty)
    }

    static func failuresAreKeptInTheRow(_ outbox: any OutboxStore) async throws {
        for id in Int64(11)...12 { try await outbox.append(job(id)) }
        let claimed = try await outbox.claim(limit: 1, holder: "a", now: 1_000, leaseUntil: 1_000 + lease)
        #expect(claimed.map(\.id) == [11])
        try await outbox.reschedule(PendingJob(job: job(11), attempts: 3), at: 50_000, error: "boom")
        try await outbox.complete(id: 11, holder: "a")
        #expect(try await outbox.pending(limit: 10).map(\.id) == [11, 12], "a rescheduled job is no longer the old claim's")

        let later = try await outbox.claim(limit: 5, holder: "b", now: 2_000, leaseUntil: 2_000 + lease)
        #expect(later.map(\.id) == [12], "a job waiting for its retry does not block a newer one")
        try await outbox.complete(id: 12, holder: "b")
        #expect(try await outbox.claim(limit: 5, holder: "b", now: 49_999, leaseUntil: 49_999 + lease).isEmpty, "not before its time")
        let retried = try await outbox.claim(limit: 5, holder: "b", now: 50_000, leaseUntil: 50_000 + lease)
        #expect(retried == [PendingJob(job: job(11), attempts: 3)], "its failures come with it")
        try await outbox.complete(id: 11, holder: "b")

        // A broker took the job (deleted from the outbox); its consumer records the failure back.
        try await outbox.reschedule(PendingJob(job: job(13), attempts: 1), at: 60_000, error: "broker consumer failed")
        #expect(try await outbox.pending(limit: 10).map(\.id) == [13])
        #expect(try await outbox.claim(limit: 5, holder: "e", now: 60_000, leaseUntil: 60_000 + lease)
            == [PendingJob(job: job(13), attempts: 1)])
        try await outbox.complete(id: 13, holder: "e")
        #expect(try await outbox.pending(limit: 10).isEmpty)
    }

    static func deadJobsWaitForAnOperator(_ outbox: any OutboxStore) async throws {
        try await outbox.append(job(21))
        _ = try await outbox.claim(limit: 1, holder: "a", now: 1, leaseUntil: 1 + lease)
        try await outbox.bury(PendingJob(job: job(21), attempts: 10), error: "still failing\nline two")
        try await outbox.bury(PendingJob(job: job(22), attempts: 1), error: "no handler")
        #expect(try await outbox.dead(limit: 10) == [DeadJob(job: job(21), attempts: 10, lastError: "still failing\nline two"),
                                                     DeadJob(job: job(22), attempts: 1, lastError: "no handler")])
        #expect(try await outbox.pending(limit: 10).isEmpty, "a dead job is not pending")
        #expect(try await outbox.claim(limit: 5, holder: "b", now: 1_000_000, leaseUntil: 2_000_000).isEmpty, "nor claimed")

        #expect(try await outbox.retry(id: 21, now: 5_000))
        #expect(try await !outbox.retry(id: 21, now: 5_000), "only a dead job is retried")
        #expect(try await !outbox.discard(id: 21), "only a dead job is discarded")
        #expect(try await outbox.claim(limit: 5, holder: "b", now: 5_000, leaseUntil: 5_000 + lease)
            == [PendingJob(job: job(21), attempts: 0)], "a retried job starts afresh")
        try await outbox.complete(id: 21, holder: "b")
        #expect(try await outbox.discard(id: 22))
        #expect(try await !outbox.discard(id: 22))
        #expect(try await !outbox.retry(id: 999, now: 1))
        #expect(try await outbox.dead(limit: 10).isEmpty)
    }

    static func concurrentClaimersNeverShareAJob(_ outbox: any OutboxStore) async throws {
        let ids = Array(Int64(1_000)..<1_060)
        for id in ids { try await outbox.append(job(id)) }
        let claims = try await withThrowingTaskGroup(of: (String, [Int64]).self) { group in
            for claimer in 0..<6 {
                group.addTask {
                    let holder = "claimer-\(claimer)"
                    var mine: [Int64] = []
                    while true {
                        let batch = try await outbox.claim(limit: 3, holder: holder, now: 10, leaseUntil: 10 + lease)
                        if batch.isEmpty { return (holder, mine) }
                        mine += batch.map(\.id)
                    }
                }
            }
            return try await group.reduce(into: [(String, [Int64])]()) { $0.append($1) }
        }
        let all = claims.flatMap(\.1)
        #expect(all.count == ids.count, "no job claimed twice")
        #expect(Set(all) == Set(ids), "every job claimed")
        for (holder, mine) in claims {
            for id in mine { try await outbox.complete(id: id, holder: holder) }
        }
        #expect(try await outbox.pending(limit: 10).isEmpty)
    }
}
