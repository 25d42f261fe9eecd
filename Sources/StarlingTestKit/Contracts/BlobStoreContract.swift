import NIOCore
import StarlingCore
import Testing

/// The behaviour every `BlobStore` must have. Keys are fresh and shaped like `MediaKey`'s (a
/// folder, 32 hex digits, an image extension), the only keys Starling writes, so runs can share a
/// folder or a bucket.
public enum BlobStoreContract {
    public static func run(_ store: any BlobStore) async throws {
        let a = key("photos", "png"), b = key("avatars", "jpg")
        #expect(try await store.get(a) == nil, "a missing key is nil, not an error")
        try await store.delete(a)

        let binary: [UInt8] = [0, 255, 10, 13, 0x89, 0x50]
        try await store.put(ByteBuffer(bytes: binary), key: a, contentType: "image/png")
        #expect(try await bytes(store, a) == binary, "binary values survive")
        #expect(try await store.get(b) == nil, "a put touches only its key")

        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await store.put(ByteBuffer(bytes: large), key: b, contentType: "image/jpeg")
        #expect(try await bytes(store, b) == large, "a blob larger than any read buffer comes back whole")

        try await store.put(ByteBuffer(string: "second"), key: a, contentType: "image/png")
        #expect(try await bytes(store, a) == Array("second".utf8), "a put replaces what was there")
        try await store.put(ByteBuffer(), key: a, contentType: "image/png")
        #expect(try await bytes(store, a) == [], "an empty blob is stored, and is not missing")

        try await store.delete(a)
        #expect(try await store.get(a) == nil)
        #expect(try await bytes(store, b) == large, "a delete touches only its key")
        try await store.delete(a)
        try await store.delete(b)
        #expect(try await store.get(b) == nil)
    }

    private static func key(_ folder: String, _ fileExtension: String) -> String {
        let hex = (0..<2).map { _ in
            let digits = String(UInt64.random(in: 0 ... .max), radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        return "\(folder)/\(hex).\(fileExtension)"
    }

    private static func bytes(_ store: any BlobStore, _ key: String) async throws -> [UInt8]? {
        try await store.get(key).map { Array($0.readableBytesView) }
    }
}
