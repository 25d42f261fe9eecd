/// A URL a blob can be fetched at, valid for at least `cacheSeconds` more.
public struct TemporaryBlobLink: Sendable, Equatable {
    public var url: String
    /// How long a redirect to `url` may be cached (it stays valid at least that long).
    public var cacheSeconds: Int

    public init(url: String, cacheSeconds: Int) {
        self.url = url
        self.cacheSeconds = cacheSeconds
    }
}
