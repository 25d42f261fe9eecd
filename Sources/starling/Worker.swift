import App
import ArgumentParser

/// `starling worker`: runs job workers only, until SIGTERM or SIGINT (each finishes its current job).
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run job workers only (no API); with --port, answer GET /healthz there.")
    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        let configuration = try settings.resolve()
        // Only an explicit --port opens a port: STARLING_PORT names the API's, which a worker beside
        // a server must not take.
        try await Roles.runWorker(configuration, healthPort: settings.port == nil ? nil : configuration.port, logger: makeLogger())
    }
}
