import App
import ArgumentParser
import Foundation

/// `starling bench-fanout`: fanout throughput (newsfeed rows per second) on SQLite and PostgreSQL,
/// each on a scratch database made for the run and removed after.
struct BenchFanout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-fanout",
        abstract: "Measure fanout insert throughput for one author with many followers.")

    @Option(help: "Followers of the author.") var followers = 100_000
    @Option(help: "Timed fanouts per backend (each posts a new tweet).") var runs = 3
    @Option(help: "Followers per batch.") var batchSize = 1_000
    @Option(name: .customLong("postgres-url"),
            help: "PostgreSQL server to create the scratch database on (STARLING_BENCH_POSTGRES_URL); without it, SQLite only.")
    var postgresURL: String?

    func run() async throws {
        var logger = makeLogger()
        logger.logLevel = .warning
        let followers = self.followers, runs = self.runs, batchSize = self.batchSize
        let measure: @Sendable (String, Repositories) async throws -> Void = { name, repositories in
            let benchmark = FanoutBenchmark(repositories: repositories)
            let started = ContinuousClock.now
            try await benchmark.addFollowers(followers)
            print("\(name): \(followers) followers stored in \(ContinuousClock.now - started)")
            for run in 1...runs {
                let result = try await benchmark.fanOutOnce(batchSize: batchSize)
                let seconds = String(format: "%.3f", result.seconds)
                print("\(name): fanout \(run): \(result.rows) feed rows in \(seconds) s = \(Int(result.rowsPerSecond)) rows/s")
            }
        }
        try await ScratchDatabase.sqlite(logger: logger) { try await measure("sqlite", $0) }
        if let url = postgresURL ?? ProcessInfo.processInfo.environment["STARLING_BENCH_POSTGRES_URL"] {
            try await ScratchDatabase.postgres(serverURL: url, logger: logger) { try await measure("postgres", $0) }
        }
    }
}
