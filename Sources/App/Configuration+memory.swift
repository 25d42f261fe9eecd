import StarlingCore

extension Configuration {
    /// The in-process caches' memory: `--memory-cache-mb N` (`STARLING_MEMORY_CACHE_MB`), the
    /// megabytes the object and feed caches take together at most; `--near-cache on|off`
    /// (`STARLING_NEAR_CACHE`): with Redis, recent objects kept in the objects' share too.
    static func resolveMemoryCache(_ values: [String: String], into configuration: inout Configuration) throws {
        if let text = values["near-cache"] {
            switch text.lowercased() {
            case "on", "true", "1", "yes": configuration.nearCache = true
            case "off", "false", "0", "no": configuration.nearCache = false
            default: throw ConfigurationError("near-cache must be on or off, not \(text)")
            }
        }
        guard let text = values["memory-cache-mb"] else { return }
        let range = 1...MemoryCacheBudget.maximumMegabytes
        guard text.utf8.count <= 8, let megabytes = Int(text), range.contains(megabytes) else {
            throw ConfigurationError("memory-cache-mb must be a whole number of megabytes, 1–\(range.upperBound), not \(text)")
        }
        configuration.memoryCache = MemoryCacheBudget(megabytes: megabytes)
    }
}

extension Configuration {
    /// With Redis, the near caches take the shares the in-process object and feed caches would:
    /// the object cache's recent values (none when memcached holds the objects: it has no
    /// invalidation pushes), and the feed lists' first pages.
    var nearCacheBudget: NearCacheBudget {
        NearCacheBudget(objectBytes: memcachedServers == nil ? memoryCache.objectBytes : 0, feedBytes: memoryCache.feedBytes)
    }
}
