import App
import Foundation
import StarlingCore
import StarlingTesting
import Testing

@Suite(.testDatabases) struct DeadJobsCommandTests {
    @Test(arguments: Backend.allCases) func deadJobsAreListedRetriedAndDiscarded(_ backend: Backend) async throws {
        let outbox = try await backend.repositories().outbox
        #expect(try await manageDeadJobs(outbox, .list) == DeadJobsReport(text: "no dead jobs", succeeded: true))
        try await outbox.bury(PendingJob(job: Job(id: 41, name: "fan_out_tweet", payload: #"{"tweet_id":1}"#), attempts: 10),
                              error: "database unavailable\nsecond line")
        try await outbox.bury(PendingJob(job: Job(id: 42, name: "from_the_future", payload: "{}"), attempts: 1),
                              error: "no handler for job from_the_future")
        let listing = try await manageDeadJobs(outbox, .list)
        #expect(listing.text == """
            id\tname\tattempts\tlast error
            41\tfan_out_tweet\t10\tdatabase unavailable second line
            42\tfrom_the_future\t1\tno handler for job from_the_future
            """)
        #expect(try await manageDeadJobs(outbox, .retry(41)).succeeded)
        #expect(try await outbox.pending(limit: 10).map(\.id) == [41], "a retried job is pending again")
        #expect(try await manageDeadJobs(outbox, .discard(42)).succeeded)
        #expect(try await manageDeadJobs(outbox, .discard(42)) == DeadJobsReport(text: "no dead job 42", succeeded: false))
        #expect(try await !manageDeadJobs(outbox, .retry(41)).succeeded, "only dead jobs are retried")
        #expect(try await outbox.dead(limit: 10).isEmpty)
    }
}
