import App
import Foundation
import SQLiteStorage
import StarlingCore
import StarlingTesting
import Testing

/// The real binary's `jobs` and `worker` commands on a SQLite file.
@Suite(.timeLimit(.minutes(2))) struct JobsCommandTests {
    @Test func starlingJobsListsRetriesAndDiscardsDeadJobs() async throws {
        let directory = TemporaryDirectory.make()
        let path = directory.appendingPathComponent("starling.sqlite").path
        let store = try await Backend.openSQLite(at: path)
        let outbox = SQLiteOutboxStore(store: store)
        try await outbox.bury(PendingJob(job: Job(id: 77, name: "fan_out_tweet", payload: #"{"tweet_id":1}"#), attempts: 10),
                              error: "the database is unavailable")
        let list = try await run(["jobs", "list"], path: path, in: directory)
        #expect(list.status == 0)
        #expect(list.output.contains("77\tfan_out_tweet\t10\tthe database is unavailable"), "\(list.output)")
        #expect(try await run(["jobs", "retry", "77"], path: path, in: directory).status == 0)
        #expect(try await outbox.pending(limit: 5).map(\.id) == [77])
        let missing = try await run(["jobs", "discard", "77"], path: path, in: directory)
        #expect(missing.status != 0 && missing.output.contains("no dead job 77"), "only dead jobs are discarded")
    }

    @Test func aProcessThatFindsEveryNodeSlotHeldSaysSoAndExits() async throws {
        let directory = TemporaryDirectory.make()
        let path = directory.appendingPathComponent("starling.sqlite").path
        let slots = SQLiteNodeSlots(store: try await Backend.openSQLite(at: path))
        for n in 0..<NodeSlot.available {
            _ = try await slots.acquire(holder: "other-\(n)", now: 0, until: .max)
        }
        let worker = try await run(["worker"], path: path, in: directory)
        #expect(worker.status != 0)
        #expect(worker.output.contains("every node slot"), "\(worker.output)")
    }

    private func run(_ arguments: [String], path: String, in directory: URL) async throws -> (status: Int32, output: String) {
        let log = directory.appendingPathComponent("\(arguments.joined(separator: "-"))-\(UUID().uuidString).log")
        let process = try StarlingProcess(arguments + ["--database-url", "sqlite:" + path, "--data-dir", directory.path], log: log)
        let status = await process.waitForExit()
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
