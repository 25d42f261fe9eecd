import Foundation

/// A unit of background work: a name and a small JSON payload that carries identifiers only.
///
/// Jobs are written to the outbox in the same transaction as the change that needs them, then
/// relayed to the `JobQueue`. Handlers reload what they need, treat "gone" as done, and can run
/// twice without harm.
public struct Job: Sendable, Hashable, Codable {
    /// Unique, time-ordered; also the job's key in the outbox.
    public var id: Int64
    /// Which handler runs it.
    public var name: String
    /// The payload's JSON text.
    public var payload: String

    public init(id: Int64, name: String, payload: String) {
        self.id = id
        self.name = name
        self.payload = payload
    }

    /// A job carrying `payload`, named by its type.
    public init<Payload: JobPayload>(id: Int64, _ payload: Payload) {
        let data = try! JSONEncoder().encode(payload)  // a struct of integers always encodes
        self.init(id: id, name: Payload.jobName, payload: String(decoding: data, as: UTF8.self))
    }

    /// Decodes the payload as `type`.
    public func decode<Payload: JobPayload>(_ type: Payload.Type) throws -> Payload {
        try JSONDecoder().decode(type, from: Data(payload.utf8))
    }
}

/// The payload of one kind of job.
public protocol JobPayload: Codable, Sendable {
    /// The stable name the job is stored and dispatched under.
    static var jobName: String { get }
}
