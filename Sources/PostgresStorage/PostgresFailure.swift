import NIOCore
import PostgresNIO
import StarlingCore
import _ConnectionPoolModule

/// Sorts the driver's errors into what the rest of Starling understands: a database that cannot be
/// reached becomes `StarlingError.unavailable` (a 503, worth retrying); a unique key refused
/// becomes `UniqueViolation` for the repository to name; anything else is a bug and passes on.
enum PostgresFailure {
    /// SQLSTATE classes of a server going away or refusing sessions: connection exceptions (08),
    /// operator intervention such as a shutdown or a server still starting (57), too many
    /// connections or out of resources (53).
    static let unavailableStateClasses: Set<Substring> = ["08", "57", "53"]

    static let unavailableCodes: Set<PSQLError.Code> = [
        .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed, .queryCancelled,
    ]

    static func translate(_ error: any Error) -> any Error {
        if let transaction = error as? PostgresTransactionError {
            let cause = transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? transaction.rollbackError
            return cause.map(translate) ?? unavailable
        }
        if let psql = error as? PSQLError, psql.code == .server, let state = psql.serverInfo?[.sqlState] {
            if state == "23505" { return UniqueViolation(constraint: psql.serverInfo?[.constraintName] ?? "") }
            return unavailableStateClasses.contains(state.prefix(2)) ? unavailable : error
        }
        return isUnreachable(error) ? unavailable : error
    }

    private static func isUnreachable(_ error: any Error) -> Bool {
        switch error {
        case let psql as PSQLError: unavailableCodes.contains(psql.code)
        case is ConnectionPoolError, is DeadlineExceeded, is IOError, is ChannelError: true
        default: false
        }
    }

    static let unavailable = StarlingError.unavailable("The database is unavailable, try again later.")
}
