import PostgresStorage
import SQLiteStorage
import Testing

@Suite struct MigrationHistoryTests {
    @Test func everyDialectNumbersAndNamesItsMigrationsAlike() {
        let sqlite = SQLiteStore.migrations.map { "\($0.version) \($0.name)" }
        let postgres = PostgresStore.migrations.map { "\($0.version) \($0.name)" }
        #expect(sqlite == postgres)
        #expect(sqlite.first == "1 create_accounts_tweets_friendships_newsfeeds_outbox")
        #expect(SQLiteStore.migrations.map(\.version) == Array(1...SQLiteStore.migrations.count), "numbered 1, 2, 3… without gaps")
    }
}
