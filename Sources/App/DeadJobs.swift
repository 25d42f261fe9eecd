import StarlingCore

/// What `starling jobs` does to the outbox's dead jobs.
public enum DeadJobsAction: Sendable, Equatable {
    /// Lists them: id, name, attempts, last error.
    case list
    /// Makes one pending again, due now, with no failures counted.
    case retry(Int64)
    /// Deletes one for good.
    case discard(Int64)
}

/// The answer of `starling jobs`: text for the terminal, and whether it did what was asked.
public struct DeadJobsReport: Sendable, Equatable {
    public let text: String
    public let succeeded: Bool

    public init(text: String, succeeded: Bool) {
        self.text = text
        self.succeeded = succeeded
    }
}

/// Lists the dead jobs of `outbox`, or retries or discards one (`starling jobs`).
public func manageDeadJobs(_ outbox: any OutboxStore, _ action: DeadJobsAction, clock: any WallClock = SystemWallClock(),
                           limit: Int = 1_000) async throws -> DeadJobsReport {
    switch action {
    case .list:
        let jobs = try await outbox.dead(limit: limit)
        guard !jobs.isEmpty else { return DeadJobsReport(text: "no dead jobs", succeeded: true) }
        let lines = jobs.map { dead in
            "\(dead.job.id)\t\(dead.job.name)\t\(dead.attempts)\t\(dead.lastError.replacingNewlines())"
        }
        return DeadJobsReport(text: (["id\tname\tattempts\tlast error"] + lines).joined(separator: "\n"), succeeded: true)
    case .retry(let id):
        let done = try await outbox.retry(id: id, now: clock.nowMicros())
        return DeadJobsReport(text: done ? "job \(id) will run again" : "no dead job \(id)", succeeded: done)
    case .discard(let id):
        let done = try await outbox.discard(id: id)
        return DeadJobsReport(text: done ? "job \(id) discarded" : "no dead job \(id)", succeeded: done)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
