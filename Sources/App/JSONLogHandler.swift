import Foundation
import Logging
import Synchronization

/// Writes each log entry to standard output as one JSON object on one line: `time` (ISO 8601,
/// UTC), `level`, `label`, `message`, `source`, then every metadata field (nested values as text).
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private static let output = Mutex(())

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let line = line(for: event)
        Self.output.withLock { _ in
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    /// The entry as one JSON object and a line break.
    func line(for event: LogEvent) -> String {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        var line = "{"
        Self.append("time", Self.timestamp(), to: &line)
        Self.append("level", event.level.rawValue, to: &line)
        Self.append("label", label, to: &line)
        Self.append("message", event.message.description, to: &line)
        Self.append("source", event.source, to: &line)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !["time", "level", "label", "message", "source"].contains(key) {
            Self.append(key, value.description, to: &line)
        }
        line += "}\n"
        return line
    }

    /// Appends `"key":"value",` (no comma before the first field).
    static func append(_ key: String, _ value: String, to line: inout String) {
        if line.count > 1 { line += "," }
        line += quoted(key) + ":" + quoted(value)
    }

    /// `text` as a JSON string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func timestamp() -> String {
        Date().ISO8601Format(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
