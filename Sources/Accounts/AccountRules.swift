import StarlingCore

/// The rules for usernames, emails and passwords.
public enum AccountRules {
    static let usernameTaken = "This username has been occupied."
    static let emailTaken = "This email address has been occupied."

    static func checkUsername(_ username: String, errors: inout FieldErrors) {
        if !(6...20).contains(username.count) {
            errors.add("username", "Ensure this field has between 6 and 20 characters.")
        } else if !username.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }) {
            errors.add("username", "Use only lower-case letters, digits and underscores.")
        }
    }

    static func checkEmail(_ email: String, errors: inout FieldErrors) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid = email.count <= 254 && parts.count == 2 && !parts[0].isEmpty
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !email.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" })
        if !valid { errors.add("email", "Enter a valid email address.") }
    }

    static func checkPassword(_ password: String, errors: inout FieldErrors) {
        if !(6...128).contains(password.count) {
            errors.add("password", "Ensure this field has between 6 and 128 characters.")
        }
    }
}
