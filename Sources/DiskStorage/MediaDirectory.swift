#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore

/// The media folder reached through file descriptors: below the (configured, trusted) root, each
/// component is opened relative to its parent with `O_NOFOLLOW`, so a symlink planted inside the
/// folder (to a file or to a directory) is never read, written or deleted through. Blocking calls:
/// run them off the event loops.
struct MediaDirectory: Sendable {
    let root: String

    /// The bytes of the regular file `folder/name`; nil when it is missing, a symlink, under a
    /// symlinked folder, or not a regular file.
    func contents(folder: String, name: String) throws -> ByteBuffer? {
        guard let directory = try openFolder(folder, create: false) else { return nil }
        defer { close(directory) }
        let file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard file >= 0 else { return try absent("openat") }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0 else { throw IOError(errnoCode: errno, reason: "fstat") }
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(Int(clamping: status.st_size))
        while true {
            var interrupted = false
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 64 << 10) { space in
                let count = read(file, space.baseAddress, space.count)
                interrupted = count < 0 && errno == EINTR
                guard count >= 0 || interrupted else { throw IOError(errnoCode: errno, reason: "read") }
                return max(count, 0)
            }
            if count == 0 && !interrupted { return buffer }
        }
    }

    /// Writes `data` to a temporary file and renames it into place, so readers never see half of it.
    func replace(folder: String, name: String, with data: ByteBuffer) throws {
        guard let directory = try openFolder(folder, create: true) else {
            throw IOError(errnoCode: ELOOP, reason: "media folder \(folder) is not a directory")
        }
        defer { close(directory) }
        let temporary = name + ".part"
        _ = unlinkat(directory, temporary, 0)
        let file = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw IOError(errnoCode: errno, reason: "openat") }
        do {
            defer { close(file) }
            try data.withUnsafeReadableBytes { bytes in
                var written = 0
                while written < bytes.count {
                    let count = write(file, bytes.baseAddress.map { $0 + written }, bytes.count - written)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { throw IOError(errnoCode: errno, reason: "write") }
                    written += count
                }
            }
            guard renameat(directory, temporary, directory, name) == 0 else { throw IOError(errnoCode: errno, reason: "renameat") }
        } catch {
            _ = unlinkat(directory, temporary, 0)
            throw error
        }
    }

    /// Removes `folder/name` itself (a symlink there is removed, never its target); missing is fine.
    func remove(folder: String, name: String) throws {
        guard let directory = try openFolder(folder, create: false) else { return }
        defer { close(directory) }
        guard unlinkat(directory, name, 0) == 0 || errno == ENOENT else { throw IOError(errnoCode: errno, reason: "unlinkat") }
    }

    /// A descriptor for `folder` under the root, refusing a symlink; nil when it is missing or not a directory.
    private func openFolder(_ folder: String, create: Bool) throws -> Int32? {
        if create {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        let rootDirectory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDirectory >= 0 else { return try absent("open") }
        defer { close(rootDirectory) }
        if create {
            guard mkdirat(rootDirectory, folder, 0o755) == 0 || errno == EEXIST else { throw IOError(errnoCode: errno, reason: "mkdirat") }
        }
        let directory = openat(rootDirectory, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directory >= 0 else { return try absent("openat") }
        return directory
    }

    /// nil for the errors that mean "nothing (acceptable) there": missing, a symlink, not a directory.
    private func absent<T>(_ call: String) throws -> T? {
        let code = errno
        guard [ENOENT, ELOOP, ENOTDIR].contains(code) else { throw IOError(errnoCode: code, reason: call) }
        return nil
    }
}
