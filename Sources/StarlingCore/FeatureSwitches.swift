/// Named switches, each on for a percentage of users (the course's "gatekeeper"): features and
/// caches are turned on gradually, and off at once, without a deploy.
public protocol FeatureSwitches: Sendable {
    /// The percentage (0…100) of users the switch is on for; an unknown switch is at its default.
    func percentage(_ name: String) async throws -> Int
    /// Sets a switch for everyone.
    func set(_ name: String, percentage: Int) async throws
}

extension FeatureSwitches {
    /// Whether the switch is on for this user: a stable choice, so a user does not flip between
    /// requests, and a growing percentage only adds users.
    public func isOn(_ name: String, for userID: Int64) async -> Bool {
        let percentage = (try? await percentage(name)) ?? 0
        if percentage >= 100 { return true }
        if percentage <= 0 { return false }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ UInt64(bitPattern: userID)) &* 0x100_0000_01b3
        return Int(hash % 100) < percentage
    }
}
