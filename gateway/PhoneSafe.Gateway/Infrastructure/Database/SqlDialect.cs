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
}
