import NIOCore

extension MemcachedClient {
    /// The longest time to live memcached reads as seconds (longer ones are read as a date).
    static let maximumTTL = 30 * 24 * 3600

    /// The hits among `keys` (any strings: `MemcachedKey` makes them safe), as the server answered
    /// them with `flags`: quiet `mg`s closed by `mn`, one round trip per node, all nodes at once.
    /// A node that fails or is marked down answers nothing: its keys are misses, not errors.
    public func items(_ keys: [String], flags: [MemcachedFlag] = [.value]) async throws -> [String: MemcachedResponse] {
        guard !keys.isEmpty else { return [:] }
        let original = Dictionary(keys.map { (MemcachedKey.safe($0), $0) }, uniquingKeysWith: { first, _ in first })
        let answers = try await perNode(Array(original.keys)) { index, keys in
            let requests = keys.enumerated().map { MemcachedRequest.get($1, flags + [.quiet, .opaque(UInt32(truncatingIfNeeded: $0))]) }
            do {
                return try await self.nodes[index].execute(requests)
            } catch let error as MemcachedError {
                self.logger.debug("memcached read missed a node", metadata: ["memcached.server": "\(self.servers[index])", "memcached.error": "\(error)"])
                return []
            }
        }
        var found: [String: MemcachedResponse] = [:]
        for (keys, responses) in answers {
            for response in responses where response.status == .value || response.status == .success {
                guard let opaque = response.flags.opaque, let position = Int(exactly: opaque), keys.indices.contains(position),
                      let key = original[keys[position]] else { continue }
                found[key] = response
            }
        }
        return found
    }

    /// The fresh values among `keys`: stale items and the placeholders of leases are misses.
    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        try await items(keys, flags: [.value]).compactMapValues(\.freshValue)
    }

    /// Stores every entry with the same time to live (seconds, at most 30 days; 0 never
    /// expires), one quiet batch per node, all nodes at once. With `mode` `.add`, only the
    /// entries whose key holds no item (a stale one counts as an item).
    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int, mode: MemcachedMode = .set) async throws {
        guard !entries.isEmpty else { return }
        let values = Dictionary(entries.map { (MemcachedKey.safe($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        let ttl = max(0, min(ttlSeconds, Self.maximumTTL))
        let flags: [MemcachedFlag] = mode == .set ? [.ttl(ttl), .quiet] : [.ttl(ttl), .mode(mode), .quiet]
        _ = try await perNode(Array(values.keys)) { index, keys in
            let requests = keys.map { MemcachedRequest.set($0, values[$0] ?? ByteBuffer(), flags) }
            try Self.throwFirstError(try await self.nodes[index].execute(requests))
        }
    }

    /// Replaces each key by an empty item marked stale for `seconds`: reads (`get`) miss it, an
    /// `.add` does not store over it, and the next lease read wins the right to fill it.
    public func hold(_ keys: [String], seconds: Int) async throws {
        guard !keys.isEmpty else { return }
        let ttl = max(1, min(seconds, Self.maximumTTL))
        _ = try await perNode(keys.map(MemcachedKey.safe)) { index, keys in
            let requests = keys.flatMap { key in
                [MemcachedRequest.set(key, ByteBuffer(), [.ttl(ttl), .quiet]), .delete(key, [.invalidate, .ttl(ttl), .quiet])]
            }
            try Self.throwFirstError(try await self.nodes[index].execute(requests))
        }
    }

    /// Removes keys (missing keys are not an error). With `invalidate`, marks them stale for
    /// `staleSeconds` instead: the next lease read wins the right to recompute each, and others
    /// may be served the stale value meanwhile.
    public func delete(_ keys: [String], invalidate: Bool = false, staleSeconds: Int = 30) async throws {
        guard !keys.isEmpty else { return }
        let flags: [MemcachedFlag] = invalidate ? [.invalidate, .ttl(max(1, staleSeconds)), .quiet] : [.quiet]
        _ = try await perNode(keys.map(MemcachedKey.safe)) { index, keys in
            try Self.throwFirstError(try await self.nodes[index].execute(keys.map { .delete($0, flags) }))
        }
    }

    /// Adds `delta` to the decimal number stored at `key` and returns the new value; nil when the
    /// key is absent or not a number. memcached counts without sign: a decrement stops at zero.
    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        let key = MemcachedKey.safe(key)
        let index = node(for: key)
        let flags: [MemcachedFlag] = [.value, .delta(UInt64(delta.magnitude)), .mode(delta < 0 ? .decrement : .increment), .returnCAS, .returnTTL]
        guard let response = try await nodes[index].execute([.arithmetic(key, flags)]).first else {
            throw MemcachedError.protocolError("ma had no answer")
        }
        switch response.status {
        case .value:
            guard let text = response.value.map({ String(buffer: $0) }), let value = Int(text), value >= 0 else { return nil }
            // A decrement that loses a digit is written in place, padded with a space ("9 "): store it clean.
            if delta < 0, let cas = response.flags.cas, String(value).utf8.count < String(UInt64(value).addingReportingOverflow(UInt64(delta.magnitude)).partialValue).utf8.count {
                let ttl = response.flags.ttl.map { $0 < 0 ? 0 : max(1, $0) } ?? 0
                _ = try? await nodes[index].execute([.set(key, ByteBuffer(string: text), [.ttl(ttl), .compareCAS(cas), .quiet])])
            }
            return value
        case .notFound, .notStored, .exists, .miss:
            return nil
        case .error(let message) where message.contains("non-numeric"):
            return nil
        case .error(let message):
            throw MemcachedError.server(message)
        default:
            throw MemcachedError.protocolError("unexpected answer to ma: \(response.status)")
        }
    }

    /// The `stats` counters of one node (`get_hits`, `curr_items`, …).
    public func stats(node index: Int) async throws -> [String: String] {
        var stats: [String: String] = [:]
        for response in try await execute([.stats], onNode: index) {
            if case .stat(let name, let value) = response.status { stats[name] = value }
        }
        return stats
    }

    static func throwFirstError(_ responses: [MemcachedResponse]) throws {
        if let message = responses.lazy.compactMap(\.errorMessage).first { throw MemcachedError.server(message) }
    }
}
