extension Configuration {
    /// How log lines are written.
    public enum LogFormat: String, Sendable, Equatable, CaseIterable {
        /// One line of text per entry, metadata as `key=value`.
        case text
        /// One JSON object per line, metadata as its fields.
        case json
    }

    /// Reads `log-format` (text or json) and `shutdown-timeout` (seconds, fractions allowed).
    static func resolveOperations(_ values: [String: String], into configuration: inout Configuration) throws {
        if let text = values["log-format"], !text.isEmpty {
            guard let format = LogFormat(rawValue: text.lowercased()) else {
                throw ConfigurationError("log-format must be text or json, not \(text)")
            }
            configuration.logFormat = format
        }
        if let text = values["shutdown-timeout"] {
            guard let seconds = Double(text), seconds > 0, seconds <= 3_600 else {
                throw ConfigurationError("shutdown-timeout must be a number of seconds above 0 and at most 3600, not \(text)")
            }
            configuration.shutdownGracePeriod = .milliseconds(Int64((seconds * 1_000).rounded()))
        }
    }
}
