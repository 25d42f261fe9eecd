import Hummingbird
import Logging

/// Builds the server a `starling serve` runs: opens (and migrates) the configured store, then
/// wires everything on it.
public func buildApplication(_ configuration: Configuration, logger: Logger) async throws -> some ApplicationProtocol {
    let database = try await Database.open(configuration, logger: logger)
    let starling = Starling(configuration: configuration, repositories: database.repositories, logger: logger)
    return starling.application(logger: logger, extraServices: database.services)
}
