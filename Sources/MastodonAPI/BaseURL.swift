import HTTPTypes
import Hummingbird

/// The server's own origin as a client reached it (`http://host:port`), for the absolute URLs
/// Mastodon entities carry.
struct BaseURL: Sendable {
    let origin: String
    /// `host[:port]`, what Mastodon calls the instance's `uri` / `domain`.
    let authority: String

    init(_ request: Request) {
        let host = request.head.authority ?? request.headers[HTTPField.Name("Host")!] ?? "localhost"
        let clean = host.unicodeScalars.allSatisfy(Self.isAuthorityScalar)
        authority = clean && !host.isEmpty ? host : "localhost"
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "https" : "http"
        origin = "\(scheme)://\(authority)"
    }

    init(origin: String, authority: String) {
        self.origin = origin
        self.authority = authority
    }

    private static func isAuthorityScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value > 0x20, scalar.value < 0x7F else { return false }
        return !"/\"<>\\".unicodeScalars.contains(scalar)
    }

    func url(_ path: String) -> String {
        origin + path
    }
}
