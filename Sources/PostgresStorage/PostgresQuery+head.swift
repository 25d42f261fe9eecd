import PostgresNIO

extension PostgresQuery {
    /// A fixed head of SQL without values (a shared `SELECT … FROM …`) followed by `rest`, whose
    /// interpolations are binds. The head has no placeholders, so those of `rest` keep their numbers.
    init(head: StaticString, _ rest: PostgresQuery) {
        self.init(unsafeSQL: "\(head) \(rest.sql)", binds: rest.binds)
    }
}
