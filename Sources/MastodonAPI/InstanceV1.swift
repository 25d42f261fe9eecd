/// Mastodon's v1 Instance entity. toot builds a dataclass from all of it, so every field has the
/// type Mastodon gives it.
struct InstanceV1: Encodable, Sendable {
    var uri: String
    var title: String
    var shortDescription: String
    var description: String
    var email: String
    var version: String
    var urls: [String: String]
    var stats: [String: Int]
    var thumbnail: String?
    var languages: [String]
    var registrations: Bool
    var approvalRequired: Bool
    var invitesEnabled: Bool
    var configuration: InstanceConfiguration
    var contactAccount: AccountJSON?
    var rules: [String]

    enum CodingKeys: String, CodingKey {
        case uri, title, description, email, version, urls, stats, thumbnail, languages, registrations, configuration, rules
        case shortDescription = "short_description"
        case approvalRequired = "approval_required"
        case invitesEnabled = "invites_enabled"
        case contactAccount = "contact_account"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encode(title, forKey: .title)
        try container.encode(shortDescription, forKey: .shortDescription)
        try container.encode(description, forKey: .description)
        try container.encode(email, forKey: .email)
        try container.encode(version, forKey: .version)
        try container.encode(urls, forKey: .urls)
        try container.encode(stats, forKey: .stats)
        try container.encode(thumbnail, forKey: .thumbnail)
        try container.encode(languages, forKey: .languages)
        try container.encode(registrations, forKey: .registrations)
        try container.encode(approvalRequired, forKey: .approvalRequired)
        try container.encode(invitesEnabled, forKey: .invitesEnabled)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(contactAccount, forKey: .contactAccount)
        try container.encode(rules, forKey: .rules)
    }
}
