namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Where the custody ledger is kept (appsettings section "StorageOptions").
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Gets or sets the database: "Sqlite" (one file, the default) or "PostgreSql" (a trust, several gateways).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Gets or sets the PostgreSQL connection string (Provider = PostgreSql).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the SQLite database file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "data/phonesafe.db";

    /// <summary>Gets or sets the most events committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;
}
