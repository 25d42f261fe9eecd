import Foundation
import Logging
import SQLiteDriver

#if canImport(Glibc)
import Glibc
#endif

/// The feeds file is written without syncs (`PRAGMA synchronous=OFF`): its rows are derived from
/// the main file's tweets and follows, and the syncs were what made fanout slow the requests
/// down. An fsync of it at each of its checkpoints made the file system flush with it what other
/// writers had written, the main file's log included: a POST burst (c=4, 10 s, 2,000 users) had
/// p99 11.7–16.8 ms with them and 7.7–8.4 ms without, and its fanouts drained in 34–36 s instead
/// of 61–74 s.
///
/// Without syncs the file is as safe as the main one when the *process* dies — what it wrote is
/// in the operating system's page cache — but not when the *machine* does: then its last writes
/// may be lost, or the file torn. So each store that writes it leaves a marker beside it, a file
/// holding the machine's boot id, made durable before its first unsynced write and removed after
/// the file is synced at close. A store that opens the file and finds a marker of another boot
/// knows that the machine went down while that writer had unsynced rows: it deletes the feeds
/// file and writes it again from the main file (every follower gets each followee's tweets, and
/// every author their own). A marker of this boot whose process is gone is only removed: its
/// writes are in the page cache. Markers are looked at under an exclusive lock on a lock file
/// beside them, so that two processes starting together do not both rebuild.
///
/// Where there is no boot id (not Linux), the file is synced like the main one and no marker is kept.
struct FeedsFileRecovery {
    /// The marker this store left: removed by `finish(feedsPath:marker:)` once the file is synced.
    let marker: String
    /// Markers of another boot, removed once the file is written again.
    let staleMarkers: [String]
    /// The lock held while the file is looked at and, if need be, rebuilt.
    private let lock: Int32

    /// The machine's boot id (Linux), nil elsewhere.
    static func bootID() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else { return nil }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    /// The start of the file names of the markers of the feeds file at `feedsPath`, which are
    /// followed by `<pid>.<random>`.
    static func markerPrefix(for feedsPath: String) -> String { URL(fileURLWithPath: feedsPath).lastPathComponent + "-unsynced." }

    /// Takes the lock, looks at the markers left beside the feeds file and leaves this store's.
    /// When a marker of another boot is found, the feeds file is deleted here: `needsRebuild`.
    static func begin(feedsPath: String, bootID: String) throws -> FeedsFileRecovery {
        let lockPath = feedsPath + "-lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw FeedsFileError("cannot open \(lockPath): errno \(errno)") }
        guard flock(lock, LOCK_EX) == 0 else {
            close(lock)
            throw FeedsFileError("cannot lock \(lockPath): errno \(errno)")
        }
        do {
            let url = URL(fileURLWithPath: feedsPath)
            let directory = url.deletingLastPathComponent().path
            let prefix = markerPrefix(for: feedsPath)
            var stale: [String] = []
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix) {
                let path = directory + "/" + name
                let written = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                if written != bootID {
                    stale.append(path)
                } else if let pid = Int32(name.dropFirst(prefix.count).split(separator: ".").first ?? ""),
                          kill(pid, 0) != 0, errno == ESRCH {
                    unlink(path)  // its process died, the machine did not: its writes are in the page cache
                }
            }
            if !stale.isEmpty {
                for suffix in ["", "-wal", "-shm"] { unlink(feedsPath + suffix) }
            }
            let marker = directory + "/" + prefix + "\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
            try writeDurably(bootID + "\n", to: marker, directory: directory)
            return FeedsFileRecovery(marker: marker, staleMarkers: stale, lock: lock)
        } catch {
            close(lock)
            throw error
        }
    }

    /// Whether the feeds file was deleted for a marker of another boot and must be written again.
    var needsRebuild: Bool { !staleMarkers.isEmpty }

    /// Writes the feeds file's rows again from the main file at `mainPath`, on `feeds` (its writer):
    /// each follower gets every tweet of each followee and every author their own (a superset of
    /// what fanout writes under any feed model: readers merge the two files and skip duplicates).
    func rebuild(on feeds: SQLiteConnection, mainPath: String, logger: Logger) async throws {
        let started = ContinuousClock.now
        _ = try await feeds.query("ATTACH DATABASE ? AS source", [.text(mainPath)])
        let tables = try await feeds.query(
            "SELECT COUNT(*) AS n FROM source.sqlite_master WHERE type = 'table' AND name IN ('tweets', 'friendships')")
        if tables.first?.int("n") == 2 {
            _ = try await feeds.query("BEGIN")
            do {
                _ = try await feeds.query("DROP INDEX IF EXISTS newsfeeds_tweet")
                _ = try await feeds.query("""
                    INSERT OR IGNORE INTO newsfeeds (owner_id, tweet_id, author_id)
                    SELECT f.from_user_id, t.id, t.user_id FROM source.friendships AS f JOIN source.tweets AS t ON t.user_id = f.to_user_id
                    UNION ALL SELECT user_id, id, user_id FROM source.tweets
                    ORDER BY 1, 2
                    """)
                _ = try await feeds.query(SQLiteMigrations.newsfeedsTweetIndex)
                _ = try await feeds.query("COMMIT")
            } catch {
                _ = try? await feeds.query("ROLLBACK")
                _ = try? await feeds.query("DETACH DATABASE source")
                throw error
            }
        }
        _ = try await feeds.query("DETACH DATABASE source")
        let rows = try await feeds.query("SELECT COUNT(*) AS n FROM newsfeeds").first?.int("n") ?? 0
        logger.notice("the machine went down with unsynced feed rows: the feeds file was written again from the tweets and follows",
                      metadata: ["rows": "\(rows)", "seconds": "\((ContinuousClock.now - started).components.seconds)"])
    }

    /// Releases the lock. The markers of another boot go only once the file was written again
    /// (`rebuilt`): if the rebuild failed, the next open finds them and tries again.
    func end(rebuilt: Bool) {
        if rebuilt { for path in staleMarkers { unlink(path) } }
        close(lock)
    }

    /// After the feeds file's last connection of this store closed: syncs the file (and its log,
    /// if another process keeps one) and removes this store's marker.
    static func finish(feedsPath: String, marker: String) throws {
        for suffix in ["", "-wal"] {
            let fd = open(feedsPath + suffix, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            guard fsync(fd) == 0 else { throw FeedsFileError("cannot sync \(feedsPath + suffix): errno \(errno)") }
        }
        syncDirectory(URL(fileURLWithPath: feedsPath).deletingLastPathComponent().path)
        unlink(marker)
    }

    private static func writeDurably(_ text: String, to path: String, directory: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FeedsFileError("cannot create \(path): errno \(errno)") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw FeedsFileError("cannot write \(path): errno \(errno)")
        }
        syncDirectory(directory)
    }

    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

struct FeedsFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
