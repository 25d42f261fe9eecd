import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A real `starling` binary run by a test (`serve`, `worker`, …) on loopback, in a data directory of
/// its own; stopped by its PID (SIGTERM, or SIGKILL to simulate a crash) and always before the
/// test process ends.
public final class StarlingProcess: Sendable {
    public let port: Int
    public let arguments: [String]
    private let process: Process

    /// The binary built beside the test bundle (`swift build --build-tests` builds it), or
    /// `STARLING_TEST_BINARY`.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["STARLING_TEST_BINARY"] { return URL(fileURLWithPath: path) }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("starling").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("starling")
    }

    /// Starts `starling <arguments> --port <free port>`, its output appended to `log`.
    public init(_ arguments: [String], environment: [String: String] = [:], log: URL) throws {
        port = try FreePort.find()
        self.arguments = arguments + ["--host", "127.0.0.1", "--port", String(port)]
        process = Process()
        process.executableURL = Self.binary
        process.arguments = self.arguments
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STARLING_") }
        merged["STARLING_LOG_LEVEL"] = "warning"
        merged.merge(environment) { $1 }
        process.environment = merged
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Waits until `GET /healthz` answers 200, or throws after `seconds`.
    public func waitUntilHealthy(seconds: Int = 60) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if !process.isRunning {
                Issue.record("starling \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
                throw CancellationError()
            }
            let status = try? await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                try await client.get("/healthz").status
            }
            if status == .ok { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("starling \(arguments.first ?? "") on port \(port) did not become healthy")
        throw CancellationError()
    }

    /// SIGTERM, then waits up to `seconds` for a graceful exit (SIGKILL after that). Returns the exit status.
    @discardableResult
    public func stop(seconds: Int = 30) async -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits up to `seconds` for the process to end by itself (SIGKILL after that); its exit status.
    public func waitForExit(seconds: Int = 60) async -> Int32 {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL: a crash, with no chance to clean up.
    public func crash() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A loopback port nobody listens on right now.
public enum FreePort {
    public static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
