@testable import PostgresStorage
import Synchronization
import Testing

/// The bound on every wait for PostgreSQL: a result in time is the caller's, a late one is a
/// `DeadlineExceeded` and its operation is cancelled. (That a finished statement's timer goes at
/// once, rather than when it would have fired, shows in `scripts/bench`'s RSS figures.)
@Suite struct DeadlineTests {
    @Test func aResultInTimeIsTheCallers() async throws {
        #expect(try await Deadline.run(.seconds(5)) { 42 } == 42)
    }

    @Test func aLateOperationIsCancelledAndTheCallerToldAfterTheTimeout() async throws {
        let cancelled = Mutex(false)
        let started = ContinuousClock.now
        await #expect(throws: DeadlineExceeded.self) {
            try await Deadline.run(.milliseconds(100)) {
                do { try await Task.sleep(for: .seconds(30)) } catch { cancelled.withLock { $0 = true } }
                return 0
            }
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        for _ in 0..<100 where !cancelled.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(cancelled.withLock { $0 })
    }

}
