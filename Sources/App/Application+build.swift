import Hummingbird
import Logging
import ServiceLifecycle
import StarlingCore

/// Builds the server a `starling serve` runs: opens (and migrates) the configured store, connects
/// the configured caches, then wires everything on them.
public func buildApplication(_ configuration: Configuration, logger: Logger) async throws -> some ApplicationProtocol {
    let database = try await Database.open(configuration, logger: logger)
    var caches: Caches?
    var services = database.services
    if let url = configuration.redisURL {
        let (redisCaches, client) = try Caches.redis(url: url, clock: SystemWallClock(), feedCap: configuration.feedCacheCap, logger: logger)
        caches = redisCaches
        services.append(client)
    }
    if let servers = configuration.memcachedServers {
        let client = try Caches.memcachedClient(servers: servers, logger: logger)
        caches = (caches ?? .inProcess(clock: SystemWallClock(), feedCap: configuration.feedCacheCap)).objects(on: client)
        services.append(client)
    }
    let starling = Starling(configuration: configuration, repositories: database.repositories, logger: logger, caches: caches)
    return starling.application(logger: logger, extraServices: services)
}
