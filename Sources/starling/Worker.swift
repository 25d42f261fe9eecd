import App
import ArgumentParser

/// `starling worker`: runs job workers only, until SIGTERM or SIGINT (each finishes its current job).
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run job workers only (no API); with --port, answer GET /healthz there.")
    @OptionGroup var settings: SettingsOptions
    @Option(name: .customLong("fanout-workers"),
            help: "Fanout jobs run at once, the broker's prefetch too (STARLING_FANOUT_WORKERS, default STARLING_JOB_WORKERS).")
    var fanoutWorkers: String?
    @Option(name: .customLong("default-workers"),
            help: "Other jobs run at once, the broker's prefetch too (STARLING_DEFAULT_WORKERS, default STARLING_JOB_WORKERS).")
    var defaultWorkers: String?

    func run() async throws {
        var configuration = try settings.resolve()
        do {
            try configuration.setQueueWorkers(fanout: fanoutWorkers, default: defaultWorkers)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        // Only an explicit --port opens a port: STARLING_PORT names the API's, which a worker beside
        // a server must not take.
        try await Roles.runWorker(configuration, healthPort: settings.port == nil ? nil : configuration.port, logger: makeLogger())
    }
}
