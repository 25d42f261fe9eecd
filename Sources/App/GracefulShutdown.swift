import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// Runs a process's services until SIGTERM or SIGINT, then shuts them down gracefully: the HTTP
/// server stops accepting and finishes the requests in flight, job workers finish their current
/// job (a broker consumer hands its unacknowledged ones back), the store closes last. Graceful
/// shutdown may take `gracePeriod`; past it the services are cancelled. A second signal exits at
/// once (status 128 + the signal's number).
public enum GracefulShutdown {
    public static func run(_ services: [any Service], gracePeriod: Duration, logger: Logger) async throws {
        // Listed first, so it is shut down last: it listens for the second signal meanwhile.
        let configurations = [ServiceGroupConfiguration.ServiceConfiguration(service: SecondSignalExit(logger: logger),
                                                                             successTerminationBehavior: .ignore)]
            + services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        var configuration = ServiceGroupConfiguration(services: configurations, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger)
        configuration.maximumGracefulShutdownDuration = gracePeriod
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// Counts SIGTERM and SIGINT: the first is the service group's (graceful shutdown), the second
/// ends the process at once.
struct SecondSignalExit: Service {
    let logger: Logger

    func run() async throws {
        let queue = DispatchQueue(label: "starling.second-signal")
        let seen = SignalCount()
        let sources = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [logger] in
                guard seen.next() >= 2 else { return }
                logger.warning("second signal: exiting at once", metadata: ["signal": "\(number)"])
                fflush(nil)
                exit(128 + number)
            }
            source.resume()
            return source
        }
        // Until the other services are down (this one is shut down last).
        try? await gracefulShutdown()
        for source in sources { source.cancel() }
    }

    /// Signals seen so far (touched only on the signal queue).
    private final class SignalCount: @unchecked Sendable {
        private var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }
}
