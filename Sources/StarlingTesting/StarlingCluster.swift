import App
import Foundation
import Logging
import Testing

/// Several real `starling` processes on one database: API servers and job workers, each with a
/// data directory and log of its own.
public struct StarlingCluster: Sendable {
    public let servers: [StarlingProcess]
    public let workers: [StarlingProcess]
    public let directory: URL
    public let logger: Logger

    /// Lease of claimed jobs in the cluster's processes: a killed worker's jobs are free again after it.
    public static let jobLeaseSeconds = 3

    /// Starts `servers` × `starling serve` and `workers` × `starling worker` (each answering
    /// `/healthz` on a port of its own) and waits until all are healthy.
    public static func start(databaseURL: String, servers: Int, workers: Int,
                             environment: [String: String] = [:]) async throws -> StarlingCluster {
        let directory = TemporaryDirectory.make()
        var logger = Logger(label: "cluster")
        logger.logLevel = .warning
        var environment = environment
        environment["STARLING_JOB_LEASE_SECONDS"] = String(jobLeaseSeconds)
        environment["STARLING_BCRYPT_COST"] = "4"
        func launch(_ role: String, _ n: Int) throws -> StarlingProcess {
            let data = directory.appendingPathComponent("\(role)-\(n)")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            return try StarlingProcess([role, "--database-url", databaseURL, "--data-dir", data.path, "--rate-limits", "off"],
                                       environment: environment, log: directory.appendingPathComponent("\(role)-\(n).log"))
        }
        // One at a time: each migrates (idempotently) and leases a node slot at start-up.
        var started: [StarlingProcess] = []
        for n in 0..<servers {
            started.append(try launch("serve", n))
            try await started.last!.waitUntilHealthy()
        }
        for n in 0..<workers {
            started.append(try launch("worker", n))
            try await started.last!.waitUntilHealthy()
        }
        return StarlingCluster(servers: Array(started.prefix(servers)), workers: Array(started.dropFirst(servers)),
                               directory: directory, logger: logger)
    }

    /// The settings a test uses to open the cluster's database itself.
    public func configuration(databaseURL: String) -> Configuration {
        var configuration = Configuration()
        configuration.databaseURL = databaseURL
        configuration.dataDirectory = directory.path
        return configuration
    }

    /// Waits until no job is left pending in the outbox.
    public func waitUntilOutboxIsEmpty(databaseURL: String, seconds: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        try await Database.withRepositories(configuration(databaseURL: databaseURL), logger: logger) { repositories in
            while try await !repositories.outbox.pending(limit: 1).isEmpty {
                try #require(ContinuousClock.now < deadline, "the outbox did not drain in \(seconds) s; logs in \(directory.path)")
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// SIGTERM to every process still running, workers first; their exit statuses.
    public func stopAll() async -> [Int32] {
        var statuses: [Int32] = []
        for process in (workers + servers) where process.isRunning { statuses.append(await process.stop()) }
        return statuses
    }

    /// SIGKILL to every process still running (a test that failed half-way).
    public func crashAll() {
        for process in workers + servers where process.isRunning { process.crash() }
    }
}
