import Logging
import StarlingHTTP
import Synchronization

/// Where a Starling process's log lines go: standard output, as text or one JSON object per line,
/// each with the request id of the request it was written for (`RequestID.metadataProvider`).
public enum LogOutput {
    private static let bootstrapped = Mutex(false)

    /// Sets up the process's logging once (later calls do nothing: it is process-wide).
    public static func bootstrap(_ format: Configuration.LogFormat) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        switch format {
        case .text:
            LoggingSystem.bootstrap({ label, provider in StreamLogHandler.standardOutput(label: label, metadataProvider: provider) },
                                    metadataProvider: RequestID.metadataProvider)
        case .json:
            LoggingSystem.bootstrap({ label, provider in JSONLogHandler(label: label, metadataProvider: provider) },
                                    metadataProvider: RequestID.metadataProvider)
        }
    }
}
