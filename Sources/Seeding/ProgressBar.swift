import Foundation

/// Shows a long job's progress on standard error: a bar with rate and time left on a terminal,
/// a plain line every tenth of the way otherwise (logs, CI).
public final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let isTerminal: Bool
    private let started = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var lastTenth = -1

    public init(label: String, isTerminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.isTerminal = isTerminal
    }

    /// Reports `done` of `total` units.
    public func update(_ done: Int, of total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let numbers = "\(done)/\(total) rows, \(Self.compact(rate)) rows/s, \(done == total ? "took \(Self.seconds(elapsed))" : "ETA \(Self.seconds(remaining))")"
        if isTerminal {
            guard done == total || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))% \(numbers)\u{1B}[K\(done == total ? "\n" : "")".utf8))
        } else {
            let tenth = Int(fraction * 10)
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            FileHandle.standardError.write(Data("\(label): \(tenth * 10)% \(numbers)\n".utf8))
        }
    }

    static func compact(_ value: Double) -> String {
        value >= 1_000_000 ? String(format: "%.1fM", value / 1_000_000) : value >= 1_000 ? String(format: "%.0fk", value / 1_000) : String(format: "%.0f", value)
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.1fs", value)
    }
}
