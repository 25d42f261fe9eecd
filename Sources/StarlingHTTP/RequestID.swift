import Hummingbird
import Logging

/// The id of one request, on every log line written while it is answered and echoed in the
/// response's `X-Request-ID`. A client's (or proxy's) `X-Request-ID` is kept when it is sane — 1 to
/// 128 characters of letters, digits and `-_.:+=/@` — else a new one is minted.
public enum RequestID {
    /// The header a request id travels in, both ways.
    public static let header = HTTPFields.Element.Name("X-Request-ID")!
    /// The longest request id accepted from a client.
    public static let maximumLength = 128

    /// The id of the request this task answers (set by `ObservedResponder`).
    @TaskLocal public static var current: String?

    /// Adds `request_id` to every log line written inside a request, by any logger made with it
    /// (the process's loggers are: the log bootstrap installs it).
    public static let metadataProvider = Logger.MetadataProvider {
        guard let id = current else { return [:] }
        return ["request_id": .string(id)]
    }

    /// `value` if it is a sane request id, else nil.
    public static func accepted(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= maximumLength,
              value.utf8.allSatisfy({ isAllowed($0) })
        else { return nil }
        return value
    }

    /// A new request id: 16 random hexadecimal digits.
    public static func mint() -> String {
        let text = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "="),
             UInt8(ascii: "/"), UInt8(ascii: "@"): true
        default: false
        }
    }
}
