/// A blob store whose blobs a client may fetch from the store itself for a while (S3's presigned
/// URLs), so media need not pass through Starling.
public protocol BlobLinks: Sendable {
    /// Where `key` can be fetched now, and how long the answer naming it may be cached.
    func temporaryLink(for key: String) -> TemporaryBlobLink
}
