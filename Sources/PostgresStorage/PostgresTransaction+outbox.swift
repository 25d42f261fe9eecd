import StarlingCore

extension PostgresTransaction {
    /// Records a job in the outbox as part of this transaction.
    func record(_ job: Job) async throws {
        try await rows("INSERT INTO outbox (id, name, payload) VALUES (\(job.id), \(job.name), \(job.payload))")
    }
}
