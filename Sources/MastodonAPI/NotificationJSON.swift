import StarlingCore

/// Mastodon's Notification entity.
struct NotificationJSON: Encodable, Sendable {
    var id: String
    var type: String
    var createdAt: String
    var account: AccountJSON
    var status: StatusJSON?

    init(id: Int64, type: String, account: AccountJSON, status: StatusJSON?) {
        self.id = String(id)
        self.type = type
        self.createdAt = Timestamp.format(id)
        self.account = account
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, type, account, status
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(account, forKey: .account)
        try container.encode(status, forKey: .status)
    }
}
