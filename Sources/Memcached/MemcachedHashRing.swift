import Crypto

/// Consistent hashing, ketama style: each node owns many points on a ring of 32-bit hashes, and a
/// key belongs to the first point at or after its own hash. Adding or removing one node of N
/// moves only about 1/N of the keys; every client with the same node list agrees on the owner.
public struct MemcachedHashRing: Sendable {
    private let points: [(hash: UInt32, node: Int)]

    /// A ring over `nodes` (named by `host:port`), with `pointsPerNode` points each (rounded up
    /// to a multiple of four: one MD5 digest gives four points).
    public init(nodes: [String], pointsPerNode: Int = 160) {
        var points: [(hash: UInt32, node: Int)] = []
        points.reserveCapacity(nodes.count * max(4, pointsPerNode))
        for (index, name) in nodes.enumerated() {
            for replica in 0..<max(1, (pointsPerNode + 3) / 4) {
                let digest = Array(Insecure.MD5.hash(data: Array("\(name)-\(replica)".utf8)))
                for part in 0..<4 { points.append((Self.word(digest, at: part * 4), index)) }
            }
        }
        // Ties (vanishingly rare) go to the node listed first, the same in every process.
        self.points = points.sorted { $0.hash != $1.hash ? $0.hash < $1.hash : $0.node < $1.node }
    }

    /// The index of the node that owns `key`.
    public func node(for key: String) -> Int {
        guard points.count > 1 else { return points.first?.node ?? 0 }
        let hash = Self.word(Array(Insecure.MD5.hash(data: Array(key.utf8))), at: 0)
        var low = 0, high = points.count
        while low < high {
            let middle = low + (high - low) / 2
            if points[middle].hash < hash { low = middle + 1 } else { high = middle }
        }
        return points[low == points.count ? 0 : low].node
    }

    private static func word(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }
}
