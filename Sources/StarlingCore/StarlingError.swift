/// The one error type of the domain. Use cases throw it; only the HTTP edge maps it to a status.
///
/// A struct around a private code, so new kinds can be added without breaking callers.
public struct StarlingError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case badRequest, notFound, notAuthenticated, forbidden, methodNotAllowed, rateLimited, unavailable
    }

    private let code: Code
    /// What went wrong, for a person.
    public let message: String
    /// Per-field messages for bad input (`{"username": ["This field is required."]}`).
    public let fieldErrors: [String: [String]]
    /// For a rate limit: seconds until a retry can succeed.
    public let retryAfterSeconds: Int?

    /// For a method not allowed: the methods the path answers (`GET, HEAD`), for `Allow`.
    public let allowedMethods: String?

    private init(_ code: Code, _ message: String, fieldErrors: [String: [String]] = [:], retryAfterSeconds: Int? = nil,
                 allowedMethods: String? = nil) {
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
        self.retryAfterSeconds = retryAfterSeconds
        self.allowedMethods = allowedMethods
    }

    /// Malformed, missing or out-of-range input. Nothing was changed.
    public static func badRequest(_ message: String, fieldErrors: [String: [String]] = [:]) -> Self {
        Self(.badRequest, message, fieldErrors: fieldErrors)
    }

    /// One field at fault.
    public static func invalid(_ field: String, _ message: String) -> Self {
        Self(.badRequest, "Please check input", fieldErrors: [field: [message]])
    }

    /// An unknown id in the path.
    public static let notFound = Self(.notFound, "Not found.")
    /// The request needs a logged-in user.
    public static let notAuthenticated = Self(.notAuthenticated, "Authentication credentials were not provided.")
    /// Logged in, but not allowed to do this.
    public static func forbidden(_ message: String = "You do not have permission to perform this action.") -> Self {
        Self(.forbidden, message)
    }
    /// The path exists but not with this method.
    public static func methodNotAllowed(_ method: String, allow: String? = nil) -> Self {
        Self(.methodNotAllowed, "Method \"\(method.prefix(32))\" not allowed.", allowedMethods: allow)
    }
    /// Too many requests; retry after the given number of seconds.
    public static func rateLimited(retryAfterSeconds: Int) -> Self {
        Self(.rateLimited, "Too many requests, try again later.", retryAfterSeconds: max(1, retryAfterSeconds))
    }
    /// A backing service is unreachable; the request may succeed later.
    public static func unavailable(_ message: String = "Service temporarily unavailable, try again later.") -> Self {
        Self(.unavailable, message)
    }

    public var isBadRequest: Bool { code == .badRequest }
    public var isNotFound: Bool { code == .notFound }
    public var isNotAuthenticated: Bool { code == .notAuthenticated }
    public var isForbidden: Bool { code == .forbidden }
    public var isMethodNotAllowed: Bool { code == .methodNotAllowed }
    public var isRateLimited: Bool { code == .rateLimited }
    public var isUnavailable: Bool { code == .unavailable }

    public var description: String { "StarlingError(\(code): \(message)\(fieldErrors.isEmpty ? "" : " \(fieldErrors)"))" }
}
