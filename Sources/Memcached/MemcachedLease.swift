import NIOCore

/// What a lease read (`MemcachedClient.lease`) found for a key: the value, or who recomputes it.
///
/// Facebook's memcache leases on the meta protocol: an `mg` with `N` (vivify) on a miss creates
/// an empty placeholder and answers `W` (won) to exactly one caller; an item invalidated with
/// `md … I` is stale (`X`) and its next reader wins too. Every other caller sees `Z` (already won)
/// until the winner stores the new value with the placeholder's CAS.
public enum MemcachedLease: Sendable, Hashable {
    /// A fresh value.
    case hit(ByteBuffer)
    /// This caller won the right to recompute the value: store it with `fill(…, cas:)` (or drop
    /// the placeholder with `release(…, cas:)` when the recomputation fails). `stale` is the
    /// invalidated value, if there was one.
    case won(cas: UInt64, stale: ByteBuffer?)
    /// Another caller is recomputing the value; `stale` is the invalidated value, if there is one.
    case pending(stale: ByteBuffer?)
}

extension MemcachedClient {
    /// Reads `key` as a lease: a fresh hit, or the right to recompute it (one caller across every
    /// process), or word that another caller is. A placeholder lives `leaseSeconds`, so a winner
    /// that dies holds the others up no longer than that. Node failures throw.
    public func lease(_ key: String, leaseSeconds: Int) async throws -> MemcachedLease {
        let key = MemcachedKey.safe(key)
        let request = MemcachedRequest.get(key, [.value, .returnCAS, .vivify(ttl: max(1, leaseSeconds))])
        guard let response = try await nodes[node(for: key)].execute([request]).first else {
            throw MemcachedError.protocolError("mg had no answer")
        }
        switch response.status {
        case .value, .success:
            let stale = response.flags.stale ? response.value : nil
            if response.flags.won {
                guard let cas = response.flags.cas else { throw MemcachedError.protocolError("a won lease without its CAS") }
                return .won(cas: cas, stale: stale)
            }
            if response.flags.alreadyWon || response.flags.stale { return .pending(stale: stale) }
            return .hit(response.value ?? ByteBuffer())
        case .miss:
            return .pending(stale: nil)
        case .error(let message):
            throw MemcachedError.server(message)
        default:
            throw MemcachedError.protocolError("unexpected answer to mg: \(response.status)")
        }
    }

    /// Stores the value a won lease recomputed, only if the item is still the placeholder (its CAS
    /// unchanged): true when stored; false when a write or delete came in between, since the value
    /// may already be out of date.
    @discardableResult
    public func fill(_ key: String, _ value: ByteBuffer, ttlSeconds: Int, cas: UInt64) async throws -> Bool {
        let key = MemcachedKey.safe(key)
        let ttl = max(0, min(ttlSeconds, Self.maximumTTL))
        let responses = try await nodes[node(for: key)].execute([.set(key, value, [.ttl(ttl), .compareCAS(cas)])])
        try Self.throwFirstError(responses)
        return responses.first?.status == .success
    }

    /// Drops a won lease's placeholder (only while it is still that placeholder), so others stop
    /// waiting for a value that will not come.
    public func release(_ key: String, cas: UInt64) async throws {
        let key = MemcachedKey.safe(key)
        try Self.throwFirstError(try await nodes[node(for: key)].execute([.delete(key, [.compareCAS(cas), .quiet])]))
    }
}
