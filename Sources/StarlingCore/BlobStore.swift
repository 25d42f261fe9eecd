import NIOCore

/// The media storage port: opaque keys to bytes. Disk in the embedded deployment, S3 in production.
public protocol BlobStore: Sendable {
    /// Stores `data` under `key`, replacing anything there.
    func put(_ data: ByteBuffer, key: String, contentType: String) async throws
    /// The bytes under `key`, or nil.
    func get(_ key: String) async throws -> ByteBuffer?
    /// Removes `key`; removing a missing key is not an error.
    func delete(_ key: String) async throws
}
