import Accounts
import StarlingCore
import App
import Testing

/// The behaviour every `SessionRepository` must have.
public enum SessionRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let sessions = repositories.sessions
        try await sessions.create(tokenHash: "aaa", userID: 7, expiresAt: 1_000)
        try await sessions.create(tokenHash: "bbb", userID: 8, expiresAt: 5_000)
        #expect(try await sessions.session(tokenHash: "aaa", now: 999) == LiveSession(userID: 7, expiresAt: 1_000))
        #expect(try await sessions.session(tokenHash: "aaa", now: 1_000) == nil, "an expired session logs nobody in")
        #expect(try await sessions.session(tokenHash: "zzz", now: 0) == nil)
        let pending = try await repositories.outbox.pending(limit: 100).count
        #expect(try await sessions.delete(tokenHash: "bbb", job: Job(id: 990, ForgetCachedSessionJob(tokenHash: "bbb"))))
        #expect(try await !sessions.delete(tokenHash: "bbb", job: Job(id: 991, ForgetCachedSessionJob(tokenHash: "bbb"))))
        let recorded = try await repositories.outbox.pending(limit: 100)
        #expect(recorded.count == pending + 1 && recorded.contains { $0.id == 990 } && !recorded.contains { $0.id == 991 },
                "a revocation records its job; revoking nothing records none")
        #expect(try await sessions.session(tokenHash: "bbb", now: 0) == nil)
    }
}
