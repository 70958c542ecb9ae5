namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Where the custody ledger is kept (appsettings section "StorageOptions").
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Gets or sets the SQLite database file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "data/phonesafe.db";

    /// <summary>Gets or sets the most events committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;
}
