namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// The few words that differ between SQLite and PostgreSQL in the stores' schema. Queries themselves are shared.
/// </summary>
/// <param name="Name">"sqlite" or "postgresql".</param>
/// <param name="IdentityKey">Column definition of an auto-numbered 64-bit primary key.</param>
/// <param name="Bytes">Column type of a byte string.</param>
public sealed record SqlDialect(string Name, string IdentityKey, string Bytes)
{
    /// <summary>SQLite: INTEGER PRIMARY KEY is the row id; BLOB holds bytes.</summary>
    public static readonly SqlDialect Sqlite = new("sqlite", "INTEGER PRIMARY KEY", "BLOB");

    /// <summary>PostgreSQL: identity column; BYTEA holds bytes.</summary>
    public static readonly SqlDialect PostgreSql = new("postgresql", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA");

    /// <summary>
    /// Fills the type placeholders <c>{id}</c> and <c>{bytes}</c> of a schema script.
    /// </summary>
    /// <param name="ddl">The script.</param>
    /// <returns>The script for this database.</returns>
    public string Render(string ddl) => ddl.Replace("{id}", IdentityKey, StringComparison.Ordinal).Replace("{bytes}", Bytes, StringComparison.Ordinal);

    /// <summary>
    /// Gets the statement that serialises schema creation between gateway instances, run first in the schema
    /// transaction: a transaction-scoped advisory lock on PostgreSQL; nothing on SQLite, whose write transactions
    /// (BEGIN IMMEDIATE) already exclude each other.
    /// </summary>
    public string SchemaLock => Name == PostgreSql.Name ? "SELECT pg_advisory_xact_lock(5050505);" : string.Empty;

    /// <summary>
    /// Renders triggers that refuse UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) on a table. The only way past
    /// them is a DELETE of a row for which <paramref name="deleteAllowedWhen"/> holds (a condition on <c>OLD</c>),
    /// which is how a retention purge cuts the ledger at a recorded checkpoint. Idempotent.
    /// </summary>
    /// <param name="table">The table to guard.</param>
    /// <param name="deleteAllowedWhen">A SQL condition over <c>OLD</c> that allows a delete, or null to refuse every delete.</param>
    /// <returns>The DDL for this database.</returns>
    public string AppendOnly(string table, string? deleteAllowedWhen)
    {
        string allowed = deleteAllowedWhen ?? "FALSE";
        if (Name == PostgreSql.Name)
        {
            return $"""
                CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'DELETE' AND ({allowed}) THEN
                        RETURN OLD;
                    END IF;
                    RAISE EXCEPTION 'ledger table {table} is append-only: % refused', TG_OP USING ERRCODE = 'P0001';
                END
                $fn$;
                DROP TRIGGER IF EXISTS {table}_append_only ON {table};
                CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
                DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
                CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only();
                """;
        }

        return $"""
            CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'ledger table {table} is append-only: UPDATE refused'); END;
            CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} WHEN NOT ({allowed})
            BEGIN SELECT RAISE(ABORT, 'ledger table {table} is append-only: DELETE refused'); END;
            """;
    }
}
