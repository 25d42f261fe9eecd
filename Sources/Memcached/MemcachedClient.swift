import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A memcached client over several nodes, run as a `Service`: keys are placed by consistent
/// hashing, each node has its own pool of pipelined connections, and a multi-key call sends one
/// batch per node, to every node at once.
///
/// `run()` owns the connections: it opens `connectionsPerNode` to each node, reopens any that
/// close (after a server restart, at once; after a refused attempt, after a 250–500 ms back-off),
/// and on graceful shutdown closes them once their pending answers are in. A node that fails is
/// marked down for `downDuration`: reads of its keys are misses, writes to it fail fast.
///
/// ```swift
/// let memcached = MemcachedClient(configuration: try MemcachedConfiguration(servers: "127.0.0.1:11211"))
/// // run it in a ServiceGroup, then:
/// let found = try await memcached.get(["user:1", "user:2"])
/// ```
public final class MemcachedClient: Service, Sendable {
    /// The nodes and timeouts.
    public let configuration: MemcachedConfiguration
    let nodes: [MemcachedNode]
    let ring: MemcachedHashRing
    let logger: Logger
    private let isRunning = Atomic<Bool>(false)

    public init(configuration: MemcachedConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "starling.memcached")) {
        self.configuration = configuration
        self.logger = logger
        self.nodes = configuration.servers.map {
            MemcachedNode(server: $0, configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        }
        self.ring = MemcachedHashRing(nodes: configuration.servers.map(\.description), pointsPerNode: configuration.pointsPerNode)
    }

    /// Keeps every node's connections open until graceful shutdown or cancellation.
    public func run() async throws {
        guard !isRunning.exchange(true, ordering: .relaxed) else {
            throw MemcachedError.invalidConfiguration("MemcachedClient.run() may be called only once")
        }
        await withTaskCancellationOrGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for node in nodes { group.addTask { await node.run() } }
            }
        } onCancelOrGracefulShutdown: {
            for node in self.nodes { node.shutDown() }
        }
    }

    /// The servers, in the order `node(for:)` numbers them.
    public var servers: [MemcachedServer] { configuration.servers }

    /// The index (in `servers`) of the node that owns `key` (a key as sent: see `MemcachedKey`).
    public func node(for key: String) -> Int {
        ring.node(for: key)
    }

    /// Whether a node is marked down after a failure.
    public func isMarkedDown(node index: Int) -> Bool {
        nodes[index].isMarkedDown
    }

    /// Sends requests to one node in one write, followed by `mn`, and returns every answer
    /// before its `MN`, in one round trip. A node failure marks the node down and throws.
    public func execute(_ requests: [MemcachedRequest], onNode index: Int) async throws -> [MemcachedResponse] {
        guard nodes.indices.contains(index) else { throw MemcachedError.invalidConfiguration("there is no node \(index)") }
        return try await nodes[index].execute(requests)
    }

    /// Runs `body` once per node that owns some of `keys` (keys as sent), all nodes at once, and
    /// returns each node's result beside its keys.
    func perNode<Result: Sendable>(
        _ keys: [String], _ body: @escaping @Sendable (Int, [String]) async throws -> Result
    ) async throws -> [(keys: [String], result: Result)] {
        var byNode: [Int: [String]] = [:]
        for key in keys { byNode[node(for: key), default: []].append(key) }
        if byNode.count == 1, let (index, keys) = byNode.first { return [(keys, try await body(index, keys))] }
        return try await withThrowingTaskGroup(of: (keys: [String], result: Result).self) { group in
            for (index, keys) in byNode {
                group.addTask { (keys, try await body(index, keys)) }
            }
            var results: [(keys: [String], result: Result)] = []
            for try await result in group { results.append(result) }
            return results
        }
    }
}
