/// Failures of account storage the API answers as bad input.
public enum AccountsError: Error, Sendable, Equatable {
    case usernameTaken
    case emailTaken
}
