import Crypto
import Foundation

/// Turns passwords into stored hashes and checks them. Slow on purpose (bcrypt in production),
/// so an implementation does its work off the event loops.
public protocol PasswordHasher: Sendable {
    func hash(password: String) async throws -> String
    func verify(password: String, hash: String) async throws -> Bool
}

/// Password hashing and session tokens.
public struct Credentials: Sendable {
    let hasher: any PasswordHasher
    /// How long a session lasts, in microseconds.
    public let sessionLifetime: Int64
    /// A hash of a random password, checked when a login names an unknown user so that the
    /// answer takes as long as for a known one. Made once, in the background.
    let decoy: Task<String, any Error>

    public init(hasher: any PasswordHasher, sessionLifetime: Int64 = 30 * 86_400 * 1_000_000) {
        self.hasher = hasher
        self.sessionLifetime = sessionLifetime
        self.decoy = Task { try await hasher.hash(password: String(UInt64.random(in: .min ... .max))) }
    }

    public func hash(password: String) async throws -> String {
        try await hasher.hash(password: password)
    }

    public func verify(password: String, hash: String) async throws -> Bool {
        try await hasher.verify(password: password, hash: hash)
    }

    /// Checks a password against the user's hash, or, when there is no such user, against the
    /// decoy (and answers false), so both take the same time.
    public func verify(password: String, of user: User?) async throws -> Bool {
        guard let user else {
            _ = try await hasher.verify(password: password, hash: decoy.value)
            return false
        }
        return try await hasher.verify(password: password, hash: user.passwordHash)
    }

    /// A new random session token: 32 bytes, base64url.
    public func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The stored form of a token: its SHA-256, hex.
    public static func tokenHash(_ token: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
