import Hummingbird
import StarlingCore

/// The query string of a request, with the API's parsing and error messages.
public struct QueryInput: Sendable {
    public let values: [String: String]

    public init(_ request: Request) {
        self.values = request.uri.query.map(FormURLEncoding.decode) ?? [:]
    }

    public init(values: [String: String]) {
        self.values = values
    }

    /// A required integer id (`?user_id=`); missing or malformed is a 400.
    public func requiredID(_ name: String) throws -> Int64 {
        var errors = FieldErrors()
        let id = self.id(name, errors: &errors)
        if id == nil, values[name] == nil { errors.add(name, "This field is required.") }
        try errors.check()
        return id!
    }

    /// An optional integer id; malformed is recorded in `errors`.
    public func id(_ name: String, errors: inout FieldErrors) -> Int64? {
        guard let text = values[name] else { return nil }
        guard let id = Int64(text), id >= 0, id <= IDGenerator.maximum else {
            errors.add(name, "A valid integer is required.")
            return nil
        }
        return id
    }

    /// The `page` of a page-numbered list: the first when absent; anything but a whole number
    /// from 1 to `PageNumber.maximum` is recorded in `errors`.
    public func pageNumber(errors: inout FieldErrors) -> PageNumber {
        guard let text = values["page"] else { return .first }
        guard let number = PageNumber(parsing: text) else {
            errors.add("page", "A valid page number is required.")
            return .first
        }
        return number
    }

    /// The endless-pagination parameters: `created_at__lt`, `created_at__gt`, `max_id`,
    /// `since_id` and `limit` (1…`maximumLimit`).
    ///
    /// A pull-to-refresh — a lower bound (`created_at__gt` / `since_id`) without an upper one and
    /// without `limit` — asks for every newer item: its page holds up to `refreshLimit` items, and
    /// `has_next_page` is true only when more newer items than that exist; the client then fills the
    /// gap with both bounds (`created_at__gt=T&created_at__lt=<oldest it got>`). Lists that page
    /// forward (comments) pass nil.
    public func page(defaultLimit: Int = PageRequest.defaultLimit, maximumLimit: Int = PageRequest.maximumLimit,
                     refreshLimit: Int? = PageRequest.refreshLimit) throws -> PageRequest {
        var errors = FieldErrors()
        var page = PageRequest(limit: defaultLimit)
        if let text = values["limit"] {
            if text.utf8.count <= 6, let limit = Int(text), (1...maximumLimit).contains(limit) {
                page.limit = limit
            } else {
                errors.add("limit", "Ensure this value is an integer between 1 and \(maximumLimit).")
            }
        }
        let olderTime = time("created_at__lt", errors: &errors)
        let newerTime = time("created_at__gt", errors: &errors)
        let maxID = id("max_id", errors: &errors)
        let sinceID = id("since_id", errors: &errors)
        try errors.check("Invalid pagination parameters")
        page.olderThan = [olderTime, maxID].compactMap { $0 }.min()
        page.newerThan = [newerTime, sinceID].compactMap { $0 }.max()
        if let refreshLimit, page.newerThan != nil, page.olderThan == nil, values["limit"] == nil {
            page.limit = refreshLimit
        }
        return page
    }

    /// A time cursor: ISO-8601 or integer microseconds. A `+` in an offset that arrived as a
    /// space (an unencoded query) is read as `+`.
    public func time(_ name: String, errors: inout FieldErrors) -> Int64? {
        guard let text = values[name] else { return nil }
        if let micros = Timestamp.parse(text) { return micros }
        if let space = text.lastIndex(of: " "), let micros = Timestamp.parse(text.replacingCharacters(in: space...space, with: "+")) {
            return micros
        }
        errors.add(name, "Enter a valid date/time (ISO 8601) or integer microseconds since the epoch.")
        return nil
    }
}
