import StarlingCore

extension Configuration {
    /// The in-process caches' memory: `--memory-cache-mb N` (`STARLING_MEMORY_CACHE_MB`), the
    /// megabytes the object and feed caches take together at most.
    static func resolveMemoryCache(_ values: [String: String], into configuration: inout Configuration) throws {
        guard let text = values["memory-cache-mb"] else { return }
        let range = 1...MemoryCacheBudget.maximumMegabytes
        guard text.utf8.count <= 8, let megabytes = Int(text), range.contains(megabytes) else {
            throw ConfigurationError("memory-cache-mb must be a whole number of megabytes, 1–\(range.upperBound), not \(text)")
        }
        configuration.memoryCache = MemoryCacheBudget(megabytes: megabytes)
    }
}
