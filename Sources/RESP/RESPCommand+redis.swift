/// The Redis commands Starling uses, as values: send one with `RedisClient.send`, or many in
/// one round trip with `RedisClient.pipeline`. The typed methods of `RedisClient` read their replies.
extension RESPCommand {
    public static func get(_ key: String) -> RESPCommand {
        RESPCommand("GET", key)
    }

    /// `MGET` of text keys. (Concrete, not generic: a generic called from another module runs
    /// unspecialized, through witness tables, some 2,800 instructions a key.)
    public static func mget(_ keys: [String]) -> RESPCommand {
        RESPCommand("MGET", keys: keys)
    }

    /// `MGET` of numbered keys (`kv:tweet:42`), written with no `String` made for them.
    public static func mget(_ keys: [RESPNumberedKey]) -> RESPCommand {
        RESPCommand("MGET", keys: keys)
    }

    /// `SET key value [PX milliseconds] [NX]`.
    public static func set(_ key: String, _ value: some RESPArgument, expireMilliseconds: Int? = nil, onlyIfAbsent: Bool = false) -> RESPCommand {
        var command = RESPCommand("SET", key, value)
        if let expireMilliseconds { command.append(contentsOf: ["PX", String(expireMilliseconds)]) }
        if onlyIfAbsent { command.append("NX") }
        return command
    }

    public static func del(_ keys: [String]) -> RESPCommand {
        with("DEL", keys)
    }

    public static func exists(_ keys: [String]) -> RESPCommand {
        with("EXISTS", keys)
    }

    public static func pexpire(_ key: String, milliseconds: Int) -> RESPCommand {
        RESPCommand("PEXPIRE", key, milliseconds)
    }

    public static func incrby(_ key: String, _ delta: Int) -> RESPCommand {
        RESPCommand("INCRBY", key, delta)
    }

    /// `EVALSHA sha1 numkeys key… arg…`.
    public static func evalsha(_ script: RedisScript, keys: [String], arguments: [String]) -> RESPCommand {
        with("EVALSHA", [script.sha1, String(keys.count)] + keys + arguments)
    }

    /// `ZADD key score member …`.
    public static func zadd(_ key: String, _ members: [(score: Double, member: String)]) -> RESPCommand {
        var command = RESPCommand("ZADD", key)
        for (score, member) in members {
            command.append(score)
            command.append(member)
        }
        return command
    }

    /// `ZREVRANGEBYSCORE key max min [LIMIT offset count]`: members from the highest score down.
    public static func zrevrangebyscore(_ key: String, max: RedisScoreBound, min: RedisScoreBound, limit: (offset: Int, count: Int)? = nil) -> RESPCommand {
        var command = RESPCommand("ZREVRANGEBYSCORE", key, max, min)
        if let limit { command.append(contentsOf: ["LIMIT", String(limit.offset), String(limit.count)]) }
        return command
    }

    public static func zrem(_ key: String, _ members: [String]) -> RESPCommand {
        with("ZREM", [key] + members)
    }

    /// `ZREMRANGEBYRANK key start stop`: ranks count from the lowest score, 0 first, -1 last.
    public static func zremrangebyrank(_ key: String, start: Int, stop: Int) -> RESPCommand {
        RESPCommand("ZREMRANGEBYRANK", key, start, stop)
    }

    public static func zcard(_ key: String) -> RESPCommand {
        RESPCommand("ZCARD", key)
    }

    public static func hget(_ key: String, _ field: String) -> RESPCommand {
        RESPCommand("HGET", key, field)
    }

    public static func hset(_ key: String, _ field: String, _ value: some RESPArgument) -> RESPCommand {
        RESPCommand("HSET", key, field, value)
    }

    public static var ping: RESPCommand { RESPCommand("PING") }

    /// Empties the selected database: for tests.
    public static var flushdb: RESPCommand { RESPCommand("FLUSHDB") }

    private static func with(_ name: String, _ arguments: [String]) -> RESPCommand {
        var command = RESPCommand(name)
        command.append(contentsOf: arguments)
        return command
    }
}
