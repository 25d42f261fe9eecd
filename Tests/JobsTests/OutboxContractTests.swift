import Jobs
import StarlingCore
import StarlingTesting
import Testing

@Suite(.testDatabases) struct OutboxContractTests {
    @Test(arguments: Backend.allCases) func outboxStoreContract(_ backend: Backend) async throws {
        try await OutboxStoreContract.run(try await backend.repositories().outbox)
    }

    @Test(arguments: Backend.allCases) func inProcessJobQueueContract(_ backend: Backend) async throws {
        try await JobQueueContract.run(outbox: try await backend.repositories().outbox) { runner, outbox in
            InProcessJobQueue(runner: runner, outbox: outbox)
        }
    }
}
