import Hummingbird
import Logging
import ServiceLifecycle
import StarlingCore

/// Builds the server a `starling serve` runs: opens (and migrates) the configured store, connects
/// the configured caches, leases a node slot, then wires everything on them (`Roles.server`).
public func buildApplication(_ configuration: Configuration, logger: Logger) async throws -> some ApplicationProtocol {
    try await Roles.server(configuration, logger: logger)
}
