import App
import ArgumentParser
import Friendships
import StarlingCore

extension Admin {
    /// `starling admin celebrity USERNAME on|off|auto`. Clearing records the backfill of the
    /// user's pulled tweets in the outbox; a running server or worker delivers it.
    func setCelebrity() async throws {
        guard let text = choice, let choice = FlagCelebrities.Choice(rawValue: text.lowercased()) else {
            throw ValidationError("celebrity needs on, off or auto")
        }
        let configuration = try settings.resolve()
        let name = username.lowercased()
        let result = try await Database.withRepositories(configuration, logger: makeLogger()) { repositories -> Bool? in
            guard let user = try await repositories.users.user(username: name) else { return nil }
            return try await App.setCelebrity(user.id, to: choice, repositories: repositories, threshold: configuration.celebrityFollowers) {
                print("warning: \($0)")
            }
        }
        guard let isCelebrity = result else { throw ValidationError("no user named \(username)") }
        print("\(username): \(isCelebrity ? "a celebrity" : "not a celebrity") (\(choice.rawValue))")
    }
}
