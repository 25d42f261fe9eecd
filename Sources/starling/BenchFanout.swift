import App
import ArgumentParser
import Foundation
import Logging

/// `starling bench-fanout`: fanout throughput (newsfeed rows per second) on SQLite and PostgreSQL,
/// each on a scratch database made for the run and removed after; with `--amqp-url`, on
/// PostgreSQL through RabbitMQ instead: jobs per second through the broker, and the time until the
/// last follower has a new tweet with 1, 2, 4… `starling worker` processes, as one table.
struct BenchFanout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-fanout",
        abstract: "Measure fanout for one author with many followers (in one process, or through RabbitMQ and worker processes).")

    @Option(help: "Followers of the author.") var followers = 100_000
    @Option(help: "Timed fanouts per backend (each posts a new tweet; without a broker).") var runs = 3
    @Option(help: "Followers per batch (without a broker).") var batchSize = 1_000
    @Option(name: .customLong("postgres-url"),
            help: "PostgreSQL server to create the scratch database on (STARLING_BENCH_POSTGRES_URL); without it, SQLite only.")
    var postgresURL: String?
    @Option(name: .customLong("amqp-url"),
            help: "RabbitMQ broker (STARLING_BENCH_AMQP_URL): measure through it with worker processes (needs PostgreSQL).")
    var amqpURL: String?
    @Option(help: "Worker process counts to measure, comma-separated (with a broker).") var workers = "1,2,4"
    @Option(help: "No-op jobs sent through the broker for jobs per second.") var jobs = 20_000
    @Option(help: "Seconds one measurement may take before the benchmark gives up.") var timeout = 600

    func validate() throws {
        guard followers > 0, runs > 0, batchSize > 0, jobs > 0, timeout > 0 else {
            throw ValidationError("followers, runs, batch-size, jobs and timeout must be positive")
        }
        guard !workerCounts.isEmpty, workerCounts.allSatisfy({ (1...16).contains($0) }) else {
            throw ValidationError("workers must be comma-separated counts of 1–16, not \(workers)")
        }
    }

    var workerCounts: [Int] {
        let counts = workers.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return counts.contains(nil) ? [] : counts.compactMap { $0 }
    }

    func run() async throws {
        var logger = makeLogger()
        logger.logLevel = .warning
        let environment = ProcessInfo.processInfo.environment
        let postgres = postgresURL ?? environment["STARLING_BENCH_POSTGRES_URL"]
        if let amqp = amqpURL ?? environment["STARLING_BENCH_AMQP_URL"] {
            guard let postgres else { throw ValidationError("--amqp-url needs --postgres-url (or STARLING_BENCH_POSTGRES_URL)") }
            try await throughBroker(amqpURL: amqp, postgresURL: postgres, logger: logger)
            return
        }
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
        if let postgres {
            try await ScratchDatabase.postgres(serverURL: postgres, logger: logger) { try await measure("postgres", $0) }
        }
    }

    private func throughBroker(amqpURL: String, postgresURL: String, logger: Logger) async throws {
        var settings = BrokerFanoutBenchmark.Settings(amqpURL: amqpURL, postgresServerURL: postgresURL, binary: Self.executable)
        settings.followers = followers
        settings.workerCounts = workerCounts
        settings.jobs = jobs
        settings.timeout = .seconds(timeout)
        let environment = ProcessInfo.processInfo.environment
        let perWorker = environment["STARLING_FANOUT_WORKERS"] ?? environment["STARLING_JOB_WORKERS"] ?? "4"
        print("fanout through RabbitMQ on PostgreSQL: \(followers) followers, batches of 1,000, worker processes \(workers),"
              + " each running \(perWorker) batches at once (STARLING_FANOUT_WORKERS), feed model push")
        print(Self.line("measure", "workers", "count", "seconds", "rate"))
        try await BrokerFanoutBenchmark(settings: settings, logger: logger).run { row in
            print(Self.line(row.measure, row.workers, "\(row.count) \(row.unit)", String(format: "%.2f", row.seconds),
                            "\(Int(row.rate.rounded())) \(row.unit)/s"))
        }
    }

    static func line(_ measure: String, _ workers: String, _ count: String, _ seconds: String, _ rate: String) -> String {
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + space : space + text
        }
        return "| " + [pad(measure, 46, left: true), pad(workers, 7), pad(count, 12), pad(seconds, 8), pad(rate, 14)]
            .joined(separator: " | ") + " |"
    }

    /// This executable, which the worker processes run.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }
}
