import Memcached
import NIOCore
import StarlingCore

extension MemcachedKeyValueCache {
    /// The value of `key`, loaded by `load` (and cached for `ttlSeconds`) when it is missing or
    /// stale — by one caller only, across every process sharing the nodes: the others get the
    /// stale value (when `servesStale` and there is one) or wait up to `waitMilliseconds` for the
    /// winner's value, loading it themselves only if it does not come. Callers in this process
    /// share one flight per key. A cache that fails only costs the load.
    public func getOrLoad(_ key: String, ttlSeconds: Int, servesStale: Bool = false,
                          load: @escaping @Sendable () async throws -> ByteBuffer) async throws -> ByteBuffer {
        try await flights.run(key) {
            try await leased(key, ttlSeconds: ttlSeconds, servesStale: servesStale, load: load)
        }
    }

    private func leased(_ key: String, ttlSeconds: Int, servesStale: Bool,
                        load: @Sendable () async throws -> ByteBuffer) async throws -> ByteBuffer {
        let lease: MemcachedLease
        do {
            lease = try await client.lease(prefix + key, leaseSeconds: leaseSeconds)
        } catch {
            return try await load()
        }
        switch lease {
        case .hit(let value):
            return value
        case .won(let cas, _):
            let value: ByteBuffer
            do {
                value = try await load()
            } catch {
                try? await client.release(prefix + key, cas: cas)
                throw error
            }
            _ = try? await client.fill(prefix + key, value, ttlSeconds: max(1, ttlSeconds), cas: cas)
            return value
        case .pending(let stale):
            if servesStale, let stale { return stale }
            let deadline = ContinuousClock.now + .milliseconds(waitMilliseconds)
            var pause = Duration.milliseconds(5)
            while ContinuousClock.now < deadline {
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(50))
                if let value = try? await client.get([prefix + key])[prefix + key] { return value }
            }
            return try await load()
        }
    }
}

extension MemcachedKeyValueCache: LeasingKeyValueCache {}
