import NIOCore

/// Typed calls for the commands Starling uses. Anything else: `send(RESPCommand(…))`.
extension RedisClient {
    /// The value at `key`, or nil.
    public func get(_ key: String) async throws -> ByteBuffer? {
        try await bytes(.get(key))
    }

    /// The values at `keys`, in order, nil where absent.
    public func mget(_ keys: [String]) async throws -> [ByteBuffer?] {
        try await mget(keys.count, .mget(keys))
    }

    /// Values of numbered keys (`kv:tweet:42`), nil for the absent ones.
    public func mget(_ keys: [RESPNumberedKey]) async throws -> [ByteBuffer?] {
        try await mget(keys.count, .mget(keys))
    }

    private func mget(_ count: Int, _ command: RESPCommand) async throws -> [ByteBuffer?] {
        guard count > 0 else { return [] }
        let reply = try await send(command)
        guard let values = reply.array, values.count == count else { throw unexpected(reply, to: command) }
        return values.map(\.bytes)
    }

    /// Stores `value`; with `onlyIfAbsent`, only when `key` is absent. Returns whether it was stored.
    @discardableResult
    public func set(_ key: String, _ value: some RESPArgument, expireMilliseconds: Int? = nil, onlyIfAbsent: Bool = false) async throws -> Bool {
        try await !send(.set(key, value, expireMilliseconds: expireMilliseconds, onlyIfAbsent: onlyIfAbsent)).isNull
    }

    /// Removes keys; returns how many existed.
    @discardableResult
    public func del(_ keys: [String]) async throws -> Int {
        keys.isEmpty ? 0 : try await integer(.del(keys))
    }

    /// How many of `keys` exist.
    public func exists(_ keys: [String]) async throws -> Int {
        keys.isEmpty ? 0 : try await integer(.exists(keys))
    }

    /// Sets a key's time to live; false when the key does not exist.
    @discardableResult
    public func pexpire(_ key: String, milliseconds: Int) async throws -> Bool {
        try await integer(.pexpire(key, milliseconds: milliseconds)) == 1
    }

    /// Adds `delta` to the integer at `key` (absent counts as 0); returns the new value.
    @discardableResult
    public func incrby(_ key: String, _ delta: Int) async throws -> Int {
        try await integer(.incrby(key, delta))
    }

    /// Adds members with their scores; returns how many were new.
    @discardableResult
    public func zadd(_ key: String, _ members: [(score: Double, member: String)]) async throws -> Int {
        members.isEmpty ? 0 : try await integer(.zadd(key, members))
    }

    /// Members from the highest score down, between `max` and `min`, optionally one page of them.
    public func zrevrangebyscore(_ key: String, max: RedisScoreBound, min: RedisScoreBound,
                                 limit: (offset: Int, count: Int)? = nil) async throws -> [String] {
        let command = RESPCommand.zrevrangebyscore(key, max: max, min: min, limit: limit)
        let reply = try await send(command)
        guard let members = reply.array?.compactMap(\.string) else { throw unexpected(reply, to: command) }
        return members
    }

    /// Removes members; returns how many were there.
    @discardableResult
    public func zrem(_ key: String, _ members: [String]) async throws -> Int {
        members.isEmpty ? 0 : try await integer(.zrem(key, members))
    }

    /// Removes members by rank (0 is the lowest score, -1 the highest); returns how many.
    @discardableResult
    public func zremrangebyrank(_ key: String, start: Int, stop: Int) async throws -> Int {
        try await integer(.zremrangebyrank(key, start: start, stop: stop))
    }

    /// How many members the sorted set has (0 when absent).
    public func zcard(_ key: String) async throws -> Int {
        try await integer(.zcard(key))
    }

    /// A hash field's value, or nil.
    public func hget(_ key: String, _ field: String) async throws -> ByteBuffer? {
        try await bytes(.hget(key, field))
    }

    /// Sets a hash field; returns 1 when the field is new.
    @discardableResult
    public func hset(_ key: String, _ field: String, _ value: some RESPArgument) async throws -> Int {
        try await integer(.hset(key, field, value))
    }

    /// Checks that the server answers.
    public func ping() async throws {
        _ = try await send(.ping)
    }

    /// Empties the selected database: for tests.
    public func flushdb() async throws {
        _ = try await send(.flushdb)
    }

    private func integer(_ command: RESPCommand) async throws -> Int {
        let reply = try await send(command)
        guard let value = reply.int else { throw unexpected(reply, to: command) }
        return value
    }

    private func bytes(_ command: RESPCommand) async throws -> ByteBuffer? {
        let reply = try await send(command)
        guard reply.isNull || reply.bytes != nil else { throw unexpected(reply, to: command) }
        return reply.bytes
    }

    func unexpected(_ reply: RESPValue, to command: RESPCommand) -> RedisError {
        .protocolError("unexpected reply to \(command.name): \(reply)")
    }
}
