/// Profile fields to change. A field left `nil` is unchanged; `.some(nil)` clears it.
public struct ProfileChanges: Sendable, Equatable {
    public var nickname: String??
    public var avatarKey: String??

    public init(nickname: String?? = nil, avatarKey: String?? = nil) {
        self.nickname = nickname
        self.avatarKey = avatarKey
    }
}
