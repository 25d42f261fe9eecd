import NIOCore
import StarlingCore

/// The production `BlobStore`: one S3 object per key in one bucket. S3 out of reach (after the
/// client's bounded retries) is `StarlingError.unavailable`, a 503 at the edge.
///
/// Clients fetch media from S3 itself through presigned URLs (`temporaryLink`). The signing time is
/// rounded down to the start of a window (half the link's lifetime), so every request within a
/// window gets the same URL and browsers cache the image; each link stays valid at least half its
/// lifetime after it is handed out.
public struct S3BlobStore: BlobStore, BlobLinks {
    public let client: S3Client
    /// The largest object `get` loads.
    let maximumBytes: Int

    public init(client: S3Client, maximumBytes: Int = 100 << 20) {
        self.client = client
        self.maximumBytes = maximumBytes
    }

    static let unavailable = StarlingError.unavailable("Media storage is unavailable, try again later.")

    public func put(_ data: ByteBuffer, key: String, contentType: String) async throws {
        try await translated {
            try await client.putObject(data, key: key, contentType: contentType, cacheControl: "public, max-age=31536000, immutable")
        }
    }

    public func get(_ key: String) async throws -> ByteBuffer? {
        let limit = maximumBytes
        return try await translated { try await client.getObject(key: key) { try await $0.collect(upTo: limit) } }
    }

    public func delete(_ key: String) async throws {
        try await translated { try await client.deleteObject(key: key) }
    }

    /// The start-up check: the bucket must exist and accept these keys. Unreachable: a 503-kind error.
    public func checkBucket() async throws {
        let exists = try await translated { try await client.bucketExists() }
        guard exists else {
            throw S3Error.configuration("bucket \(client.configuration.bucket) does not exist or these keys may not use it")
        }
    }

    public func temporaryLink(for key: String) -> TemporaryBlobLink {
        let lifetime = client.configuration.linkLifetimeSeconds
        let now = client.now()
        let window = max(lifetime / 2, 1)
        let signedAt = now - now % window
        let remaining = signedAt + lifetime - now
        return TemporaryBlobLink(url: client.presignedURL(key: key, signedAt: signedAt, expires: Int(lifetime)),
                                 cacheSeconds: Int(max(remaining - window, 0)))
    }

    private func translated<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as S3Error where error.isUnavailable {
            throw Self.unavailable
        }
    }
}
