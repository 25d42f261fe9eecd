/// Mastodon's v2 Instance entity.
struct InstanceV2: Encodable, Sendable {
    var domain: String
    var title: String
    var version: String
    var sourceURL: String
    var description: String
    var usage: Usage
    var thumbnail: Thumbnail
    var languages: [String]
    var configuration: Configuration
    var registrations: Registrations
    var contact: Contact
    var rules: [String]

    struct Usage: Encodable, Sendable {
        var users: Users
        struct Users: Encodable, Sendable {
            var activeMonth: Int
            enum CodingKeys: String, CodingKey { case activeMonth = "active_month" }
        }
    }

    struct Thumbnail: Encodable, Sendable {
        var url: String
    }

    struct Configuration: Encodable, Sendable {
        var urls: [String: String]
        var statuses: StatusLimits
        var mediaAttachments: MediaLimits
        var polls: PollLimits
        var accounts: [String: Int]
        var translation: [String: Bool]

        enum CodingKeys: String, CodingKey {
            case urls, statuses, polls, accounts, translation
            case mediaAttachments = "media_attachments"
        }
    }

    struct Registrations: Encodable, Sendable {
        var enabled: Bool
        var approvalRequired: Bool
        var message: String?

        enum CodingKeys: String, CodingKey {
            case enabled, message
            case approvalRequired = "approval_required"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(enabled, forKey: .enabled)
            try container.encode(approvalRequired, forKey: .approvalRequired)
            try container.encode(message, forKey: .message)
        }
    }

    struct Contact: Encodable, Sendable {
        var email: String
        var account: AccountJSON?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(email, forKey: .email)
            try container.encode(account, forKey: .account)
        }

        enum CodingKeys: String, CodingKey { case email, account }
    }

    enum CodingKeys: String, CodingKey {
        case domain, title, version, description, usage, thumbnail, languages, configuration, registrations, contact, rules
        case sourceURL = "source_url"
    }
}
