import Accounts
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool so a hash (tens of milliseconds at cost 10) never holds an
/// event loop.
struct BcryptPasswordHasher: PasswordHasher {
    /// The cost factor: 4 in tests, 10 or more in production.
    let cost: UInt8

    func hash(password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}

extension Credentials {
    /// Credentials that hash passwords with bcrypt at `bcryptCost`.
    init(bcryptCost: UInt8) {
        self.init(hasher: BcryptPasswordHasher(cost: bcryptCost))
    }
}
