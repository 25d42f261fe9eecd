@testable import App
import Foundation
import Logging
import StarlingHTTP
import Testing

/// Log lines as `--log-format json` writes them, with the request id a request's task carries.
@Suite struct LogOutputTests {
    @Test func aJSONLineCarriesTheRequestIDOfTheTaskThatWroteIt() throws {
        let handler = JSONLogHandler(label: "starling", metadataProvider: RequestID.metadataProvider)
        let event = LogEvent(level: .warning, message: "cache \"down\"\n", metadata: ["job.id": "7"], source: "Jobs",
                             file: #fileID, function: #function, line: #line)
        let line = RequestID.$current.withValue("req-1") { handler.line(for: event) }
        #expect(line.hasSuffix("}\n") && line.dropLast().allSatisfy { $0 != "\n" }, "one line: \(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["request_id"] == "req-1")
        #expect(object["message"] == "cache \"down\"\n")
        #expect(object["level"] == "warning" && object["job.id"] == "7" && object["source"] == "Jobs" && object["time"] != nil)
        let outside = try #require(try JSONSerialization.jsonObject(with: Data(handler.line(for: event).utf8)) as? [String: String])
        #expect(outside["request_id"] == nil, "no request, no request id")
    }

    @Test func theLogFormatIsASetting() throws {
        #expect(try Configuration.resolve(flags: [:], environment: [:]).logFormat == .text)
        #expect(try Configuration.resolve(flags: [:], environment: ["STARLING_LOG_FORMAT": "json"]).logFormat == .json)
        #expect(try Configuration.resolve(flags: ["log-format": "text"], environment: ["STARLING_LOG_FORMAT": "json"]).logFormat == .text)
        #expect(throws: ConfigurationError.self) { try Configuration.resolve(flags: ["log-format": "xml"], environment: [:]) }
        #expect(try Configuration.resolve(flags: ["shutdown-timeout": "2.5"], environment: [:]).shutdownGracePeriod == .milliseconds(2_500))
        #expect(throws: ConfigurationError.self) { try Configuration.resolve(flags: ["shutdown-timeout": "0"], environment: [:]) }
    }
}
