/// HTML for user text: every character that means something in HTML is escaped, so whatever a
/// user wrote is shown as text, never as markup.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A status's `content`: one paragraph, line breaks kept.
    static func paragraph(_ text: String) -> String {
        "<p>" + escape(text).replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>") + "</p>"
    }
}
