import Foundation
import Testing

/// Ends the current test case as skipped, `reason` saying on what and why. swift-testing reports a
/// cancelled case as passed, so a line in the test output names the test first.
public func skipTestCase(_ reason: String) throws -> Never {
    let name = Test.current.map { "\($0.name)" } ?? "a test"
    FileHandle.standardError.write(Data("⊘ Test \(name) skipped \(reason)\n".utf8))
    try Test.cancel(Comment(rawValue: "skipped \(reason)"))
}
