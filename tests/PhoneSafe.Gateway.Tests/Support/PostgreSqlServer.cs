using System.Diagnostics;
using Npgsql;

[assembly: AssemblyFixture(typeof(PhoneSafe.Gateway.Tests.Support.PostgreSqlServer))]

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's packages (apt-get install postgresql), shared by the whole test run:
/// started on first use with initdb + pg_ctl in a temporary folder on a free loopback port (as the postgres user
/// through runuser when the tests run as root, because PostgreSQL refuses to run as root), one fresh database per
/// test, stopped and deleted when the run ends. Missing PostgreSQL skips the test, or fails it under
/// PHONESAFE_REQUIRE_EXTERNAL=1.
/// </summary>
public sealed class PostgreSqlServer : IDisposable
{
    private readonly Lock _gate = new();
    private string? _directory;
    private string? _bin;
    private int _port;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string admin = Start();
        string name = "phonesafe_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing any connection still open to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        string name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Start());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        RunAsPostgres(Path.Combine(_bin!, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        Directory.Delete(_directory, recursive: true);
    }

    private static string[] InitdbCandidates() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out int v) ? v : 0).Select(d => Path.Combine(d, "bin", "initdb")).ToArray()
            : ["/usr/lib/postgresql/<version>/bin/initdb"];

    private static bool IsRoot => Environment.UserName == "root";

    private string Start()
    {
        lock (_gate)
        {
            if (_directory is null)
            {
                string initdb = ExternalComponent.Require("PostgreSQL", InitdbCandidates());
                _bin = Path.GetDirectoryName(initdb)!;
                string directory = Directory.CreateTempSubdirectory("phonesafe-postgres-").FullName;
                if (IsRoot)
                {
                    Run("chown", "-R", "postgres:postgres", directory);
                }

                string data = Path.Combine(directory, "data");
                RunAsPostgres(initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
                _port = FreePort.Next();
                RunAsPostgres(
                    Path.Combine(_bin, "pg_ctl"),
                    "-D", data,
                    "-l", Path.Combine(directory, "postgres.log"),
                    "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} -c fsync=off -c max_connections=200",
                    "-w", "start");
                _directory = directory;
            }

            return $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";
        }
    }

    private static void RunAsPostgres(string program, params string[] arguments)
    {
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error} {output.Result}");
        }
    }
}
