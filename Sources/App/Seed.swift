import Accounts
import Foundation
import Logging
import Seeding
import StarlingCore

/// `starling seed`: fills the configured (empty) store, SQLite or PostgreSQL, with a generated
/// graph and writes the credentials file load scripts use (`user_id,username,token` per line,
/// celebrities first).
public func seed(_ configuration: Configuration, options: SeedOptions, credentialsPath: String, logger: Logger,
                 progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [SeedStore.Credential] {
    var options = options
    if options.now == 0 { options.now = SystemWallClock().nowMicros() }
    if let problem = options.problem { throw ConfigurationError(problem) }
    let chosen = options
    let credentials = try await Database.withRepositories(configuration, logger: logger) { repositories in
        guard let loader = repositories.bulkLoader else { throw ConfigurationError("this database cannot be seeded") }
        return try await seed(into: loader, options: chosen, bcryptCost: configuration.bcryptCost, progress: progress)
    }
    let directory = (credentialsPath as NSString).deletingLastPathComponent
    if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
    let lines = ["user_id,username,token"] + credentials.map { "\($0.userID),\($0.username),\($0.token)" }
    try (lines.joined(separator: "\n") + "\n").write(toFile: credentialsPath, atomically: true, encoding: .utf8)
    return credentials
}

/// Generates the graph of `options` and loads it through `loader`. Every seeded user's password
/// is `password1`.
public func seed(into loader: any BulkLoader, options: SeedOptions, bcryptCost: UInt8,
                 progress: @escaping @Sendable (Int, Int) -> Void) async throws -> [SeedStore.Credential] {
    let credentials = Credentials(bcryptCost: bcryptCost)
    let graph = SocialGraphGenerator.generate(options)
    let load = SeedStore(loader: loader, passwordHash: try await credentials.hash(password: "password1"),
                         newToken: { credentials.newToken() })
    return try await load(graph, progress: progress)
}
