using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Extensions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Bench;

/// <summary>
/// Dashboard benchmark: a year of a 2,000-pupil, 200-staff school seeded through the real stores (ledger commits with
/// the hash chain and custody, people, credentials, calendar, then the real policy engine for flags), cached under
/// artifacts/bench/; then the daily figures recorded, and the Compliance and Flags pages and the flags API timed over real
/// HTTPS with a signed-in SLT user.
/// </summary>
internal static class DashboardBench
{
    // Bump when the generated data changes, so a stale cached database is not reused.
    private const string SeedVersion = "v1";
    private const string School = "bench-high";
    private const int Pupils = 2000;
    private const int Staff = 200;
    private const int CompartmentsPerLocker = 20;
    private const string Password = "correct horse battery staple";
    private static readonly DateOnly FirstDay = new(2025, 11, 24);
    private static readonly DateOnly LastDay = new(2026, 11, 23);

    public static async Task<int> RunAsync(string[] args)
    {
        int requests = int.Parse(Value(args, "requests", "40"), CultureInfo.InvariantCulture);
        string cacheDir = Path.GetFullPath(Value(args, "cache", Path.Combine("artifacts", "bench")));
        Directory.CreateDirectory(cacheDir);
        string cached = Path.Combine(cacheDir, $"dashboard-year-{SeedVersion}.db");
        string work = Directory.CreateTempSubdirectory("phonesafe-dash-").FullName;
        string db = Path.Combine(work, "ledger.db");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; dashboard data: {cached}");
        if (!File.Exists(cached) || args.Contains("--reseed"))
        {
            var seedClock = Stopwatch.StartNew();
            await SeedAsync(db);
            Console.WriteLine($"seeded in {seedClock.Elapsed.TotalSeconds:F0} s");
            File.Copy(db, cached, overwrite: true);
        }
        else
        {
            File.Copy(cached, db);
        }

        int status = await MeasureAsync(work, db, requests);
        SqliteConnection.ClearAllPools();
        Directory.Delete(work, recursive: true);
        return status;
    }

    private static string Value(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private static WebApplication Build(string work, string db, X509Certificate2? certificate)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work, EnvironmentName = "Bench" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MqttOptions:Embedded"] = "false",
            ["MqttOptions:Port"] = "9", // no broker: the dashboard is measured alone
            ["StorageOptions:DatabasePath"] = db,
            ["RetentionOptions:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PhoneSafe.Gateway.Security.FirstRunSetup"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
            ["Logging:LogLevel:PhoneSafe.Gateway.Services"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        });
        if (certificate is not null)
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        }

        builder.AddGatewayServices(demo: false);
        WebApplication app = builder.Build();
        app.MapGateway();
        return app;
    }

    private static async Task SeedAsync(string db)
    {
        CancellationToken none = CancellationToken.None;
        await using WebApplication app = Build(Path.GetDirectoryName(db)!, db, null);
        await app.Services.GetRequiredService<DatabaseSchema>().InitializeAsync(none);

        var directory = app.Services.GetRequiredService<LockerDirectory>();
        var people = app.Services.GetRequiredService<PeopleStore>();
        var calendars = app.Services.GetRequiredService<CalendarStore>();
        var ledger = app.Services.GetRequiredService<ILedgerStore>();
        var verifier = app.Services.GetRequiredService<MessageVerifier>();
        var random = new Random(42);

        // People: 2,000 pupils in years 7-11, 200 staff in 10 departments (2 of them office staff), one badge each.
        var everyone = new List<Person>();
        for (int i = 0; i < Pupils; i++)
        {
            everyone.Add(new Person(School, $"P{i:00000}", PersonKind.Pupil, $"Pupil {i}", Group: $"{7 + (i % 5)}{(char)('A' + (i / 5 % 8))}", Year: $"{7 + (i % 5)}"));
        }

        string[] departments = ["English", "Maths", "Science", "Humanities", "Languages", "Arts", "PE", "Computing", "SEN", "Support"];
        for (int i = 0; i < Staff; i++)
        {
            everyone.Add(new Person(School, $"S{i:000}", PersonKind.Staff, $"Staff {i}", Department: departments[i % departments.Length], Office: i < 2, Slt: i < 8));
        }

        // Lockers: every person's phone has a compartment (20 per locker); one office locker for pupil intakes.
        int lockerCount = (everyone.Count + CompartmentsPerLocker - 1) / CompartmentsPerLocker;
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int l = 0; l <= lockerCount; l++)
        {
            string id = l == lockerCount ? "office" : $"lk-{l:000}";
            (keys[id], _) = await directory.ProvisionAsync(School, id, none);
        }

        await people.SaveImportAsync(School, everyone, [], none);
        string[] badge = new string[everyone.Count];
        for (int i = 0; i < everyone.Count; i++)
        {
            badge[i] = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))[..32];
            await people.LinkCredentialAsync(School, badge[i], everyone[i].PersonId, none);
        }

        // Calendar: English terms with half terms and a bank holiday, the default weekday timings.
        await calendars.SaveAsync(
            School,
            new CalendarDefinition(
                CalendarDefinition.DefaultTimeZoneId,
                [
                    new Term("Autumn 2025", new DateOnly(2025, 9, 3), new DateOnly(2025, 12, 19)),
                    new Term("Spring 2026", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 27)),
                    new Term("Summer 2026", new DateOnly(2026, 4, 13), new DateOnly(2026, 7, 22)),
                    new Term("Autumn 2026", new DateOnly(2026, 9, 2), new DateOnly(2026, 12, 18)),
                ],
                [
                    new Closure(new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 20), ClosureKind.HalfTerm, "February half term"),
                    new Closure(new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 4), ClosureKind.BankHoliday, "Early May bank holiday"),
                    new Closure(new DateOnly(2026, 5, 25), new DateOnly(2026, 5, 29), ClosureKind.HalfTerm, "May half term"),
                    new Closure(new DateOnly(2026, 10, 26), new DateOnly(2026, 10, 30), ClosureKind.HalfTerm, "October half term"),
                ],
                CalendarDefinition.DefaultDays,
                CalendarDefinition.DefaultParentNoticeHours),
            none);
        SchoolCalendar calendar = (await calendars.LoadAsync(School, none))!;

        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        var day = new List<(DateTimeOffset At, string Locker, string Type, int Compartment, string Credential, string Subject)>();
        var batch = new List<VerifiedMessage>(1000);
        long total = 0;
        var clock = Stopwatch.StartNew();
        for (DateOnly date = FirstDay; date <= LastDay; date = date.AddDays(1))
        {
            if (calendar.ContactWindows(date, null).Count == 0)
            {
                continue;
            }

            day.Clear();
            DateTimeOffset At(int hour, int minute, int spreadMinutes) => calendar.ToUtc(date, new TimeOnly(hour, minute)).AddSeconds(random.Next(spreadMinutes * 60));
            for (int i = 0; i < everyone.Count; i++)
            {
                string locker = $"lk-{i / CompartmentsPerLocker:000}";
                int compartment = 1 + (i % CompartmentsPerLocker);
                void Add(DateTimeOffset at, string type) => day.Add((at, locker, type, compartment, badge[i], string.Empty));
                if (i < Pupils)
                {
                    // Phone in before registration, out at home time; one in five collects it at lunch and puts it back.
                    Add(At(8, 0, 40), EventType.Deposit);
                    if (random.Next(5) == 0)
                    {
                        Add(At(12, 20, 15), EventType.Retrieve);
                        Add(At(12, 40, 20), EventType.Deposit);
                    }

                    Add(At(15, 16, 30), EventType.Retrieve);
                    continue;
                }

                // Staff: 93 % deposit before contact time (the rest later or not at all), 3 % take it out in a lesson.
                int roll = random.Next(100);
                if (roll < 93)
                {
                    Add(At(7, 30, 74), EventType.Deposit);
                }
                else if (roll < 97)
                {
                    Add(At(9, 0, 120), EventType.Deposit);
                }

                if (roll < 97 && random.Next(100) < 3)
                {
                    Add(At(10, 0, 60), EventType.Retrieve);
                    Add(At(11, 5, 60), EventType.Deposit);
                }

                if (roll < 97)
                {
                    Add(At(15, 20, 60), EventType.Retrieve);
                }
            }

            // Office: four pupil phones confiscated a day (badge of office staff S000, subject the pupil), released at home time.
            for (int n = 0; n < 4; n++)
            {
                int pupil = random.Next(Pupils);
                int compartment = 1 + n;
                day.Add((At(10, 0, 120), "office", EventType.Deposit, compartment, badge[Pupils], badge[pupil]));
                day.Add((At(15, 20, 40), "office", EventType.Retrieve, compartment, badge[Pupils], badge[pupil]));
            }

            // Now and then a door left open.
            if (random.Next(2) == 0)
            {
                int who = random.Next(everyone.Count);
                day.Add((At(9, 0, 360), $"lk-{who / CompartmentsPerLocker:000}", EventType.DoorLeftOpen, 1 + (who % CompartmentsPerLocker), string.Empty, string.Empty));
            }

            day.Sort((a, b) => a.At.CompareTo(b.At));
            foreach ((DateTimeOffset at, string locker, string type, int compartment, string credential, string subject) in day)
            {
                long seq = sequences[locker] = sequences.GetValueOrDefault(locker) + 1;
                byte[] payload = EventCodec.Encode(
                    new LockerEvent
                    {
                        Device = locker, Boot = 1, Sequence = seq, TimestampUtc = at.UtcDateTime, TimeSynchronized = true, UptimeMilliseconds = seq * 1000,
                        Type = type, Compartment = compartment, Credential = credential, Subject = subject,
                    },
                    keys[locker]);
                VerifiedMessage verdict = verifier.Verify(new IncomingMessage(Topics.For(School, locker, TopicKind.Events), payload, at.AddMilliseconds(300)));
                if (verdict.Disposition != MessageDisposition.Event)
                {
                    throw new InvalidOperationException($"seed event refused: {verdict.Reason}");
                }

                batch.Add(verdict);
                if (batch.Count == 1000)
                {
                    total += await CommitAsync(ledger, batch);
                }
            }

            total += await CommitAsync(ledger, batch);
            if (date.Day == 1)
            {
                Console.WriteLine($"  seeding: {date:yyyy-MM} {total:N0} events committed, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        Console.WriteLine($"ledger: {total:N0} events committed through LedgerStore.CommitAsync in {clock.Elapsed.TotalSeconds:F0} s");

        // Flags from the real policy engine over the whole ledger (and the intake deadlines, all past now).
        clock.Restart();
        int flags = await app.Services.GetRequiredService<PolicyEngine>().RunOnceAsync(none);
        Console.WriteLine($"policy engine: {flags:N0} flags raised in {clock.Elapsed.TotalSeconds:F0} s");

        await using DbConnection connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(none);
        await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);", none);
    }

    private static async Task<int> CommitAsync(ILedgerStore ledger, List<VerifiedMessage> batch)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        CommitResult result = await ledger.CommitAsync(batch, CancellationToken.None);
        if (result.Stored != batch.Count)
        {
            throw new InvalidOperationException($"stored {result.Stored} of {batch.Count}");
        }

        batch.Clear();
        return result.Stored;
    }

    private static async Task<int> MeasureAsync(string work, string db, int requests)
    {
        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        await using WebApplication app = Build(work, db, certificate);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        string baseUrl = $"https://localhost:{uri.Port}";

        await using (DbConnection connection = await app.Services.GetRequiredService<IDatabase>().OpenAsync(CancellationToken.None))
        await using (DbCommand count = connection.Command("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM flags), (SELECT count(*) FROM people)"))
        await using (DbDataReader row = await count.ExecuteReaderAsync())
        {
            await row.ReadAsync();
            Console.WriteLine($"database: {row.GetInt64(0):N0} ledger events, {row.GetInt64(1):N0} flags, {row.GetInt64(2):N0} people; {new FileInfo(db).Length / 1048576.0:F0} MiB");
        }

        // The gateway records the daily figures at start in the background; record them here too so the pages are
        // measured on a year of figures (the first run fills in the whole year; a second finds only recent days).
        var record = Stopwatch.StartNew();
        int days = await app.Services.GetRequiredService<DailyFiguresRecorder>().RecordAsync(CancellationToken.None);
        Console.WriteLine($"daily figures: {days} school-days recorded in {record.Elapsed.TotalMilliseconds:F0} ms");

        string userName = "bench-slt";
        string? error = await app.Services.GetRequiredService<AccountService>().CreateAsync(new GatewayUser(0, userName, "Bench SLT", UserRoles.Slt, School, null), Password, CancellationToken.None);
        if (error is not null)
        {
            throw new InvalidOperationException(error);
        }

        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        string login = await client.GetStringAsync("/login");
        string token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using (HttpResponseMessage signedIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = Password, ["__RequestVerificationToken"] = token,
        })))
        {
            if (signedIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"sign-in failed: {signedIn.StatusCode}");
            }
        }

        string last4 = $"from={LastDay.AddDays(-27):yyyy-MM-dd}&to={LastDay:yyyy-MM-dd}";
        string year = $"from={FirstDay:yyyy-MM-dd}&to={LastDay:yyyy-MM-dd}";
        (string Label, string Path)[] targets =
        [
            ("Compliance page, default (28 days to today)", "/compliance"),
            ("Compliance page, last 4 weeks of data, by day", $"/compliance?{last4}&by=day"),
            ("Compliance page, the whole year, by week", $"/compliance?{year}&by=week"),
            ("Compliance CSV, the whole year", $"/compliance?handler=Csv&{year}"),
            ("Flags page, open (default)", "/flags"),
            ("Flags page, all statuses", "/flags?status="),
            ("Flags page, one person", "/flags?status=&person=S010"),
            ("Flags API, all", $"/api/schools/{School}/flags"),
            ("Flags API, open, one kind", $"/api/schools/{School}/flags?status=open&kind={FlagKind.StaffRetrieveInContactTime}"),
        ];
        Console.WriteLine($"{requests} sequential requests each after 3 warm-ups, signed in as SLT over HTTPS (Kestrel, loopback):");
        bool slow = false;
        foreach ((string label, string path) in targets)
        {
            long bytes = 0;
            var times = new List<double>(requests);
            for (int i = -3; i < requests; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.GetAsync(path);
                byte[] body = await response.Content.ReadAsByteArrayAsync();
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                }

                bytes = body.Length;
                if (i >= 0)
                {
                    times.Add(ms);
                }
            }

            times.Sort();
            double p95 = Percentile(times, 0.95);
            slow |= p95 > 500;
            Console.WriteLine($"  {label,-48} p50 {Percentile(times, 0.50),7:F1} ms  p95 {p95,7:F1} ms  max {times[^1],7:F1} ms  ({bytes / 1024.0:F0} KiB)  {path}");
        }

        Console.WriteLine(slow ? "dashboard: some p95 above 500 ms" : "dashboard: every p95 at or below 500 ms");
        await app.StopAsync();
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
