import StarlingHTTP

extension Configuration {
    /// Reads `request-executor`.
    static func resolveRequestExecutor(_ values: [String: String]) throws -> RequestExecutor? {
        guard let text = values["request-executor"] else { return nil }
        guard let executor = RequestExecutor(rawValue: text.lowercased()) else {
            throw ConfigurationError("request-executor must be event-loop or shared-pool, not \(text)")
        }
        return executor
    }

    /// Reads `header-timeout`, `body-timeout`, `idle-timeout` (seconds, fractions allowed) and
    /// `max-connections` into `limits`.
    static func resolveConnectionLimits(_ values: [String: String], into limits: inout HTTPConnectionLimits) throws {
        func seconds(_ name: String) throws -> Duration? {
            guard let text = values[name] else { return nil }
            guard let value = Double(text), value > 0, value <= 86_400 else {
                throw ConfigurationError("\(name) must be a number of seconds above 0 and at most 86400, not \(text)")
            }
            return .milliseconds(Int64((value * 1_000).rounded()))
        }
        if let timeout = try seconds("header-timeout") { limits.headerTimeout = timeout }
        if let timeout = try seconds("body-timeout") { limits.bodyTimeout = timeout }
        if let timeout = try seconds("idle-timeout") { limits.idleTimeout = timeout }
        if let text = values["max-connections"] {
            guard let count = Int(text), (1...1_000_000).contains(count) else {
                throw ConfigurationError("max-connections must be 1–1000000, not \(text)")
            }
            limits.maximumConnections = count
        }
    }
}
