import Hummingbird
import Logging
import Synchronization

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

    /// A new request id: 16 hexadecimal digits, unique in this process and unlike other
    /// processes' (a counter from a random start, scrambled by a bijection: SplitMix64's
    /// finalizer). Not `UInt64.random`, which asked the kernel (`getrandom`) on every request.
    public static func mint() -> String {
        var z = next.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let digit = UInt8(truncatingIfNeeded: z >> UInt64(60 - 4 * index)) & 0xF
                buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            }
            return 16
        }
    }

    private static let next = Atomic<UInt64>(UInt64.random(in: .min ... .max))

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "="),
             UInt8(ascii: "/"), UInt8(ascii: "@"): true
        default: false
        }
    }
}
