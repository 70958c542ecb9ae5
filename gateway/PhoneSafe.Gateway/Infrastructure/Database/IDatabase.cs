using System.Data.Common;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// The relational database behind the gateway's stores: SQLite (one file, the default) or PostgreSQL (a trust).
/// Stores write their SQL once, with <c>@name</c> parameters and the type words of <see cref="SqlDialect"/>,
/// and run it on either.
/// </summary>
public interface IDatabase
{
    /// <summary>Gets the SQL differences of this database.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Gets a description of where the data is (file path or host/database), without secrets.</summary>
    string Location { get; }

    /// <summary>
    /// Opens a connection with the session settings the stores rely on.
    /// </summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>An open connection; the caller disposes it.</returns>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
