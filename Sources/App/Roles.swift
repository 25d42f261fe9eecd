import AMQP
import AMQPJobs
import Hummingbird
import Logging
import PostgresStorage
import ServiceLifecycle
import StarlingCore

/// The processes Starling runs as, all on one database: `serve` answers the API and, while no
/// broker is configured, runs job workers too; `worker` only runs job workers.
public enum Roles {
    /// A Starling composed for one process: the store opened and migrated, caches connected, a node
    /// slot leased, and the services to run, in start order (a service group stops them in reverse:
    /// the job workers first, the store last).
    public static func prepare(_ configuration: Configuration, logger: Logger) async throws -> (starling: Starling, services: [any Service]) {
        let blobs = try await configuration.s3BlobStore()  // before the store opens: nothing to close if it fails
        let database = try await Database.open(configuration, logger: logger)
        var caches: Caches?
        var services = database.services
        var checks: [ReadinessCheck] = [.store(database.repositories)] + (blobs.map { [.s3($0)] } ?? [])
        if let url = configuration.redisURL {
            let (redisCaches, client, redisServices) = try Caches.redis(
                url: url, clock: SystemWallClock(), feedCap: configuration.feedCacheCap, logger: logger,
                near: configuration.nearCache ? configuration.nearCacheBudget : nil)
            caches = redisCaches
            services += redisServices
            checks.append(.redis(client))
        }
        if let servers = configuration.memcachedServers {
            let client = try Caches.memcachedClient(servers: servers, logger: logger)
            caches = (caches ?? .inProcess(clock: SystemWallClock(), feedCap: configuration.feedCacheCap, memory: configuration.memoryCache))
                .objects(on: client)
            services.append(client)
            checks.append(.memcached(client))
        }
        var queue: (any JobQueue)?
        if let url = configuration.amqpURL {
            let client = AMQPClient(configuration: try AMQPConfiguration(url: url), logger: logger)
            services.append(client)
            checks.append(.rabbitMQ(client))
            queue = AMQPJobQueue(client: client, topology: JobTopology(prefix: configuration.amqpQueuePrefix))
        }
        var slot = NodeSlot.alone
        do {
            if let lease = try await leaseNodeSlot(configuration, database: database, logger: logger) {
                slot = lease.slot
                services.append(lease)
            }
        } catch {
            await database.closeUnstarted()
            throw error
        }
        let starling = Starling(configuration: configuration, repositories: database.repositories, logger: logger, blobs: blobs, caches: caches,
                                queue: queue, slot: slot, readiness: Readiness(checks: checks))
        return (starling, services)
    }

    /// This process's node slot on a store that several processes may share; nil on one that only
    /// this process uses.
    private static func leaseNodeSlot(_ configuration: Configuration, database: Database, logger: Logger) async throws -> NodeSlotLease? {
        guard let slots = database.repositories.nodeSlots else { return nil }
        guard case .postgres(let location) = try configuration.database() else {
            return try await NodeSlotLease.acquire(slots, logger: logger)
        }
        // The application's pool runs only inside the service group: lease on a short-lived one.
        let store = PostgresStore(location: location, maximumConnections: 1, logger: logger)
        return try await store.withRunningClient {
            try await NodeSlotLease.acquire(PostgresNodeSlots(store: store), renewingWith: slots, logger: logger)
        }
    }

    /// `starling serve`: the API server, with the job workers.
    public static func server(_ configuration: Configuration, logger: Logger) async throws -> some ApplicationProtocol {
        let (starling, services) = try await prepare(configuration, logger: logger)
        return starling.application(logger: logger, extraServices: services)
    }

    /// `starling worker`: the job workers only, stopped by SIGTERM or SIGINT after their current job.
    /// With `healthPort`, it also answers `GET /healthz` there (for a supervisor's liveness probe).
    public static func runWorker(_ configuration: Configuration, healthPort: Int?, logger: Logger) async throws {
        let (starling, services) = try await prepare(configuration, logger: logger)
        if let healthPort {
            let router = Router()
            router.get("healthz") { _, _ in #"{"status":"ok","role":"worker"}"# }
            let app = Application(router: router, configuration: .init(address: .hostname(configuration.host, port: healthPort),
                                                                       serverName: "starling-worker"),
                                  services: services + starling.services + starling.brokerConsumers(among: services, logger: logger), logger: logger)
            try await GracefulShutdown.run([app], gracePeriod: configuration.shutdownGracePeriod, logger: logger)
        } else {
            try await GracefulShutdown.run(services + starling.services + starling.brokerConsumers(among: services, logger: logger),
                                           gracePeriod: configuration.shutdownGracePeriod, logger: logger)
        }
    }
}
