import Foundation

/// The RabbitMQ broker integration tests run against, as `scripts/test` provides it:
/// - `STARLING_TEST_AMQP_URL`: a shared throwaway broker; tests use queues of their own (random names).
/// - `STARLING_TEST_AMQP_CTL`: `scripts/services/rabbitmq`, for tests that stop and start a private broker.
///
/// Without them the RabbitMQ tests are skipped — except under `CI=true`, where they fail.
public enum TestAMQP {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether tests on the shared broker run (on CI they always run, and fail without it).
    public static var isEnabled: Bool { environment["STARLING_TEST_AMQP_URL"] != nil || environment["CI"] == "true" }

    /// Whether tests on a private broker run.
    public static var canStartServers: Bool { environment["STARLING_TEST_AMQP_CTL"] != nil || environment["CI"] == "true" }

    /// The shared broker's URL.
    public static func url() throws -> String {
        guard let url = environment["STARLING_TEST_AMQP_URL"], !url.isEmpty else {
            throw Missing(description: "STARLING_TEST_AMQP_URL is not set; run the tests with scripts/test")
        }
        return url
    }

    /// A queue name no other test uses.
    public static func queueName(_ prefix: String = "test") -> String {
        "\(prefix).\(UUID().uuidString.prefix(12))"
    }

    /// The control script (`scripts/services/rabbitmq`).
    public static func control() throws -> String {
        guard let control = environment["STARLING_TEST_AMQP_CTL"], !control.isEmpty else {
            throw Missing(description: "STARLING_TEST_AMQP_CTL is not set; run the tests with scripts/test")
        }
        return control
    }

    /// Runs `$STARLING_TEST_AMQP_CTL action directory` (start, stop, restart a private broker);
    /// returns what it printed (the URL, for start).
    @discardableResult
    public static func control(_ action: String, _ directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try control())
        process.arguments = [action, directory]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Missing(description: "rabbitmq \(action) failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }
}
