/// What can go wrong talking to S3. A struct around a private code, so kinds can be added.
public struct S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case configuration, unreachable, status
    }

    private let code: Code
    public let description: String
    /// The HTTP status of an unexpected answer, else nil.
    public let status: Int?

    private init(_ code: Code, _ description: String, status: Int? = nil) {
        self.code = code
        self.description = description
        self.status = status
    }

    /// A setting that cannot be used.
    public static func configuration(_ message: String) -> S3Error { S3Error(.configuration, message) }
    /// No answer: refused, reset, timed out (worth retrying).
    public static func unreachable(_ message: String) -> S3Error { S3Error(.unreachable, message) }
    /// An answer with an unexpected status; 5xx are worth retrying.
    public static func status(_ status: Int, _ message: String) -> S3Error { S3Error(.status, "S3 answered \(status): \(message)", status: status) }

    /// Whether another attempt may succeed: no answer, a 5xx, or 429 (slow down).
    public var isRetryable: Bool {
        switch code {
        case .unreachable: true
        case .status: (status ?? 0) >= 500 || status == 429
        case .configuration: false
        }
    }

    /// Whether S3 itself is out of reach (as opposed to refusing a request).
    public var isUnavailable: Bool { isRetryable }
}
