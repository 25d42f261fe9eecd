import NIOCore

/// The in-memory `BlobStore`, for tests.
public actor MemoryBlobStore: BlobStore {
    private var blobs: [String: ByteBuffer] = [:]

    public init() {}

    public func put(_ data: ByteBuffer, key: String, contentType: String) {
        blobs[key] = data
    }

    public func get(_ key: String) -> ByteBuffer? {
        blobs[key]
    }

    public func delete(_ key: String) {
        blobs[key] = nil
    }

    /// Every key stored (tests check that nothing is left behind).
    public var keys: [String] { blobs.keys.sorted() }
}
