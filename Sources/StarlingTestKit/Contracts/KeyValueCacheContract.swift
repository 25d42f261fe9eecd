import NIOCore
import StarlingCore
import Testing

/// The behaviour every `KeyValueCache` must have. Keys are prefixed so suites can share a server.
public enum KeyValueCacheContract {
    public static func run(_ cache: any KeyValueCache, prefix: String = "kv-\(UInt32.random(in: 0 ... .max)):") async throws {
        let a = prefix + "a", b = prefix + "b", n = prefix + "n"
        #expect(try await cache.get([a, b]).isEmpty)
        try await cache.set([a: ByteBuffer(string: "alpha"), b: ByteBuffer(bytes: [0, 255, 10, 13])], ttlSeconds: 60)
        let found = try await cache.get([a, b, prefix + "missing"])
        #expect(found.count == 2)
        #expect(found[a].map { String(buffer: $0) } == "alpha")
        #expect(found[b].map { Array($0.readableBytesView) } == [0, 255, 10, 13], "binary values survive")
        // The positional read: each key's value in the order asked, a repeated key answered twice.
        let inOrder = try await cache.values(for: [b, prefix + "missing", a, b])
        #expect(inOrder.map { $0.map { Array($0.readableBytesView) } } == [[0, 255, 10, 13], nil, Array("alpha".utf8), [0, 255, 10, 13]])
        #expect(try await cache.values(for: []).isEmpty)
        try await cache.delete([a, prefix + "missing"])
        #expect(try await cache.get([a, b]).keys.sorted() == [b])
        #expect(try await cache.get([]).isEmpty)

        #expect(try await cache.increment(n, by: 1) == nil, "an absent counter stays absent")
        #expect(try await cache.get([n]).isEmpty)
        try await cache.set([n: ByteBuffer(string: "41")], ttlSeconds: 60)
        #expect(try await cache.increment(n, by: 1) == 42)
        #expect(try await cache.increment(n, by: -2) == 40)
        #expect(try await cache.get([n])[n].map { String(buffer: $0) } == "40")
        try await cache.delete([b, n])

        // A read-through fill (`add`) stores only into nothing: not over a value, nor over a
        // deleted key's hold, which a reader that loaded the store before the delete would undo.
        let c = prefix + "c"
        try await cache.add([c: ByteBuffer(string: "fresh"), a: ByteBuffer(string: "stale")], ttlSeconds: 60)
        #expect(try await cache.get([a, c]).mapValues { String(buffer: $0) } == [c: "fresh"], "a deleted key is held against add")
        try await cache.add([c: ByteBuffer(string: "other")], ttlSeconds: 60)
        #expect(try await cache.get([c])[c].map { String(buffer: $0) } == "fresh", "add does not replace a value")
        #expect(try await cache.values(for: [a, c]).map { $0.map { String(buffer: $0) } } == [nil, "fresh"], "a hold reads as absent")
        #expect(try await cache.increment(a, by: 1) == nil, "a hold is not a counter")
        try await cache.delete([prefix + "never-stored"])
        try await cache.add([prefix + "never-stored": ByteBuffer(string: "stale")], ttlSeconds: 60)
        #expect(try await cache.get([prefix + "never-stored"]).isEmpty, "an absent key is held by its delete too")
        try await cache.set([a: ByteBuffer(string: "written")], ttlSeconds: 60)
        #expect(try await cache.get([a])[a].map { String(buffer: $0) } == "written", "set writes over a hold")
        try await cache.add([:], ttlSeconds: 60)
        try await cache.delete([])
    }
}
