using System.ComponentModel.DataAnnotations;

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

    /// <summary>
    /// Gets or sets the folder of the key ring that encrypts locker and credential keys in the database (and the
    /// sign-in cookies); default: a "keys" folder next to <see cref="DatabasePath"/>. Keep it out of database backups,
    /// back it up separately, and share it between gateway instances.
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// Gets or sets the most messages committed in one transaction. Batches are only this large when messages queue up
    /// (a reconnect storm: 1,000 lockers' backlogs took 61 s with 1,000 per commit and 39 s with 5,000, because a
    /// batch touches every locker's index pages once however many of its events it holds); at a normal rate each
    /// commit takes whatever has arrived.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxBatchSize { get; set; } = 5000;

    /// <summary>
    /// Gets or sets the SQLite page cache of each open connection, in MiB (SQLite <c>PRAGMA cache_size</c>; its own
    /// default is 2 MiB). Filled only as pages are read, so small ledgers use little; with a large batch spread over
    /// many lockers, a cache too small to hold the index pages it touches re-reads them for every commit.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int SqliteCacheMiB { get; set; } = 64;

    /// <summary>
    /// Gets or sets a cap on the SQLite file in pages (SQLite <c>PRAGMA max_page_count</c>; a page is 4 KiB); null (the
    /// default) or 0 for none. Diagnostic: commits then fail exactly as on a full disk (SQLITE_FULL), so that failure
    /// can be rehearsed without filling a disk. Applied to each connection as it is opened: lifting it through a
    /// configuration reload takes effect without a restart, since the ledger writer opens a new connection after every
    /// failed commit (a cap added by a reload reaches the writer's open connection only after its next failure).
    /// Leave it unset in production.
    /// </summary>
    public int? SqliteMaxPageCount { get; set; }
}
