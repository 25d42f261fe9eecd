import StarlingCore

extension PostgresTransaction {
    /// Records jobs in the outbox as part of this transaction, in one statement.
    func record(_ jobs: [Job]) async throws {
        guard !jobs.isEmpty else { return }
        try await rows("""
            INSERT INTO outbox (id, name, payload)
            SELECT * FROM UNNEST(\(jobs.map(\.id))::BIGINT[], \(jobs.map(\.name))::TEXT[], \(jobs.map(\.payload))::TEXT[])
            """)
        StarlingMetrics.jobsEnqueued(jobs)
    }

    /// Records a job in the outbox as part of this transaction.
    func record(_ job: Job) async throws {
        try await record([job])
    }
}
