using System.Diagnostics;
using Npgsql;

[assembly: AssemblyFixture(typeof(PhoneSafe.Gateway.Tests.Support.PostgreSqlServer))]

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's packages (apt-get install postgresql), shared by the whole test run:
/// started on first use with initdb + pg_ctl in a temporary folder on a free loopback port (as the postgres user
/// through runuser when the tests run as root, because PostgreSQL refuses to run as root), one fresh database per
/// test, stopped and deleted when the run ends. Missing PostgreSQL skips the test, or fails it under
/// PHONESAFE_REQUIRE_EXTERNAL=1. A fault test that stops the server gets its own cluster from
/// <see cref="StartDedicated"/>; the shared one is never stopped before the run ends.
/// </summary>
public sealed class PostgreSqlServer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly bool _dedicated;
    private string? _directory;
    private string? _bin;
    private int _port;
    private bool _running;

    /// <summary>The shared cluster (xunit creates it once per run as an assembly fixture).</summary>
    public PostgreSqlServer()
    {
    }

    private PostgreSqlServer(bool dedicated) => _dedicated = dedicated;

    /// <summary>Gets the server's log so far (for failure messages), or an empty string.</summary>
    public string Log
    {
        get
        {
            string? path = _directory is null ? null : Path.Combine(_directory, "postgres.log");
            try
            {
                return path is not null && File.Exists(path) ? File.ReadAllText(path) : string.Empty;
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }
    }

    /// <summary>
    /// Starts a separate cluster of its own (own data folder, own free port) that a test may stop and start again
    /// (<see cref="Stop"/>, <see cref="Start"/>) without touching the shared one; deleted on dispose.
    /// </summary>
    public static PostgreSqlServer StartDedicated()
    {
        var server = new PostgreSqlServer(dedicated: true);
        server.EnsureStarted();
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string admin = EnsureStarted();
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
        await using var connection = new NpgsqlConnection(EnsureStarted());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Stops a dedicated cluster: <paramref name="immediate"/> is <c>pg_ctl stop -m immediate</c> (every server
    /// process quits at once, no checkpoint: the next start runs crash recovery from the WAL), otherwise a fast
    /// (clean) shutdown.
    /// </summary>
    public void Stop(bool immediate)
    {
        lock (_gate)
        {
            RequireDedicated();
            RunAsPostgres(Path.Combine(_bin!, "pg_ctl"), "-D", Path.Combine(_directory!, "data"), "-m", immediate ? "immediate" : "fast", "-w", "stop");
            _running = false;
        }
    }

    /// <summary>Starts a stopped dedicated cluster again, same data and port; returns once it accepts connections.</summary>
    public void Start()
    {
        lock (_gate)
        {
            RequireDedicated();
            if (!_running)
            {
                StartServer();
            }
        }
    }

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        if (_running)
        {
            RunAsPostgres(Path.Combine(_bin!, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
            _running = false;
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string[] InitdbCandidates() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out int v) ? v : 0).Select(d => Path.Combine(d, "bin", "initdb")).ToArray()
            : ["/usr/lib/postgresql/<version>/bin/initdb"];

    private static bool IsRoot => Environment.UserName == "root";

    private void RequireDedicated()
    {
        if (!_dedicated || _directory is null)
        {
            throw new InvalidOperationException("Only a cluster from StartDedicated may be stopped or started by a test; the shared one serves tests running in parallel.");
        }
    }

    private string EnsureStarted()
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

                RunAsPostgres(initdb, "-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
                _port = FreePort.Next();
                _directory = directory;
                StartServer();
            }

            return $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";
        }
    }

    // fsync=off: these clusters only ever lose their processes, never the machine, so what a commit wrote to the
    // kernel survives (a stop -m immediate included); syncing would only slow the tests.
    private void StartServer()
    {
        RunAsPostgres(
            Path.Combine(_bin!, "pg_ctl"),
            "-D", Path.Combine(_directory!, "data"),
            "-l", Path.Combine(_directory!, "postgres.log"),
            "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_directory} -c fsync=off -c max_connections=200",
            "-w", "start");
        _running = true;
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
