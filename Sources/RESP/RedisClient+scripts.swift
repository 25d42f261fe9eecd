extension RedisClient {
    /// One run of a script: its keys and arguments.
    public struct ScriptCall: Sendable {
        public var keys: [String]
        public var arguments: [String]

        public init(keys: [String], arguments: [String] = []) {
            self.keys = keys
            self.arguments = arguments
        }
    }

    /// Runs `script` by its digest, and by its text if the server does not know it yet; an
    /// error reply throws `RedisError.server`.
    public func evaluate(_ script: RedisScript, keys: [String] = [], arguments: [String] = []) async throws -> RESPValue {
        try await evaluate(script, calls: [ScriptCall(keys: keys, arguments: arguments)]).throwingFirstError()[0]
    }

    /// Runs `script` once per call, all in one pipelined round trip — two when the server did not
    /// know the script: then `SCRIPT LOAD` and the calls it refused with `NOSCRIPT` go again
    /// together. Error replies stay in place as values.
    public func evaluate(_ script: RedisScript, calls: [ScriptCall]) async throws -> [RESPValue] {
        func evalsha(_ call: ScriptCall) -> RESPCommand { .evalsha(script, keys: call.keys, arguments: call.arguments) }
        var replies = try await pipeline(calls.map(evalsha))
        let unknown = replies.indices.filter { replies[$0].errorMessage?.hasPrefix("NOSCRIPT") == true }
        guard !unknown.isEmpty else { return replies }
        let retried = try await pipeline([RESPCommand("SCRIPT", "LOAD", script.source)] + unknown.map { evalsha(calls[$0]) })
        try retried.prefix(1).throwingFirstError()  // SCRIPT LOAD's reply; the calls' stay values
        for (index, reply) in zip(unknown, retried.dropFirst()) { replies[index] = reply }
        return replies
    }
}
