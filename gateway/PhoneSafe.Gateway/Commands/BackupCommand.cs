using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using PhoneSafe.Gateway.Infrastructure.Database;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>backup &lt;file&gt;</c>: copies the SQLite ledger to a new file with SQLite's online backup, safe while the
/// gateway runs and ingests (the copy is one consistent moment of the database), then checks the copy's integrity.
/// PostgreSQL is backed up with its own tools (<c>pg_dump -Fc</c>, see docs/deployment.md).
/// </summary>
public sealed class BackupCommand : GatewayCommand<BackupCommand.Request>
{
    /// <inheritdoc/>
    public override string Verb => "backup";

    /// <inheritdoc/>
    public override string Usage => "usage: backup <file>   (SQLite; with PostgreSQL use pg_dump -Fc)";

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        request = arguments.Positional.Count == 1 && arguments.Unknown.Count == 0 ? new Request(Path.GetFullPath(arguments.Positional[0])) : null;
        return request is not null;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        IDatabase database = services.GetRequiredService<IDatabase>();
        if (database.Dialect != SqlDialect.Sqlite)
        {
            await Console.Error.WriteLineAsync("The ledger is on PostgreSQL: back it up with pg_dump -Fc (docs/deployment.md); this command copies SQLite files.");
            return UsageError;
        }

        if (File.Exists(request.File))
        {
            await Console.Error.WriteLineAsync($"{request.File} exists; give a new file name.");
            return Failure;
        }

        string partial = request.File + ".partial";
        File.Delete(partial);
        await using (DbConnection source = await database.OpenAsync(cancellationToken))
        using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            copy.Open();
            ((SqliteConnection)source).BackupDatabase(copy);
            await using DbCommand check = copy.Command("PRAGMA integrity_check");
            string result = Convert.ToString(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            if (result != "ok")
            {
                await Console.Error.WriteLineAsync($"The copy failed its integrity check ({result}); kept as {partial} for inspection.");
                return Failure;
            }

            await using DbCommand settle = copy.Command("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
            await settle.ExecuteNonQueryAsync(cancellationToken);
        }

        File.Move(partial, request.File);
        Console.WriteLine($"backed up {database.Location} to {request.File} ({new FileInfo(request.File).Length} bytes, integrity ok)");
        Console.WriteLine($"check it: PhoneSafe.Gateway verify-ledger --StorageOptions:DatabasePath={request.File}");
        return Success;
    }

    /// <summary>Where to write the copy.</summary>
    /// <param name="File">The new file's full path.</param>
    public sealed record Request(string File);
}
