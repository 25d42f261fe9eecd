import App
import ArgumentParser

/// `starling jobs list|retry ID|discard ID`: the dead jobs of the outbox.
struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List dead jobs (id, name, attempts, last error), or retry or discard one (exit 1 if there is no such dead job).")
    @OptionGroup var settings: SettingsOptions
    @Argument(help: "list, retry or discard") var action: String
    @Argument(help: "The job id (retry, discard).") var id: Int64?

    func run() async throws {
        let chosen: DeadJobsAction
        switch (action, id) {
        case ("list", nil): chosen = .list
        case ("retry", let id?): chosen = .retry(id)
        case ("discard", let id?): chosen = .discard(id)
        default: throw ValidationError("usage: starling jobs list | retry ID | discard ID")
        }
        let report = try await Database.withRepositories(try settings.resolve(), logger: makeLogger()) { repositories in
            try await manageDeadJobs(repositories.outbox, chosen)
        }
        print(report.text)
        if !report.succeeded { throw ExitCode(1) }
    }
}
