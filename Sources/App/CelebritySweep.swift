import Friendships
import Logging
import ServiceLifecycle

/// Runs the celebrity sweep every `interval` while the process runs (hybrid feeds only): a user
/// whose followers reached the threshold is flagged within one interval, and cleared below half
/// of it. Every process may run it; a flag set twice is set once.
struct CelebritySweep: Service {
    /// How often the sweep runs: once a minute.
    static let interval = Duration.seconds(60)

    let flagCelebrities: FlagCelebrities
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: Self.interval)
                do {
                    let (flagged, cleared) = try await flagCelebrities()
                    if !flagged.isEmpty || !cleared.isEmpty {
                        logger.info("celebrities changed", metadata: ["flagged": "\(flagged)", "cleared": "\(cleared)"])
                    }
                } catch {
                    logger.warning("celebrity sweep failed; trying again next time", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
