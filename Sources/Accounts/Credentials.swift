import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Password hashing and session tokens.
public struct Credentials: Sendable {
    /// The bcrypt cost factor (4 in tests, 10 or more in production).
    public let bcryptCost: UInt8
    /// How long a session lasts, in microseconds.
    public let sessionLifetime: Int64

    /// A hash of a random password, checked when a login names an unknown user so that the
    /// answer takes as long as for a known one.
    let decoyHash: String

    public init(bcryptCost: UInt8 = 10, sessionLifetime: Int64 = 30 * 86_400 * 1_000_000) {
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.decoyHash = Bcrypt.hash(String(UInt64.random(in: .min ... .max)), cost: bcryptCost)
    }

    /// Hashes a password with bcrypt, off the event loops.
    public func hash(password: String) async throws -> String {
        let cost = bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Checks a password against a bcrypt hash, off the event loops.
    public func verify(password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
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
