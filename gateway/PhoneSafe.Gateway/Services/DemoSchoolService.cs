using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// With <c>--demo</c>: registers a demonstration school the way a real one is set up (lockers registered, staff
/// imported from a CSV export, cards enrolled from their UIDs, configurations published by
/// <see cref="LockerConfigPublisher"/>), and runs virtual lockers (the real firmware core on virtual hardware)
/// against the broker with staff tapping in and out.
/// </summary>
/// <param name="options">Demo size and pace.</param>
/// <param name="mqtt">Broker address.</param>
/// <param name="directory">Creates locker keys.</param>
/// <param name="registry">Registers locker units.</param>
/// <param name="importer">Imports the demo staff.</param>
/// <param name="enrolment">Enrols their cards.</param>
/// <param name="publisher">Publishes configurations.</param>
/// <param name="bus">The broker connection.</param>
/// <param name="server">Tells the listening address.</param>
/// <param name="lifetime">Waits for the web server to start.</param>
/// <param name="logger">Logger.</param>
public sealed class DemoSchoolService(
    IOptions<DemoOptions> options,
    IOptions<MqttOptions> mqtt,
    LockerDirectory directory,
    LockerRegistryStore registry,
    PeopleImporter importer,
    CardEnrolment enrolment,
    LockerConfigPublisher publisher,
    ILockerBus bus,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSchoolService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DemoOptions demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        var lockers = new List<LockerSettings>();
        for (int i = 1; i <= demo.Lockers; i++)
        {
            string id = $"locker-{i:00}";
            (byte[] deviceKey, byte[] credentialKey) = await directory.ProvisionAsync(demo.School, id, stoppingToken);
            await registry.RegisterAsync(demo.School, id, LockerKind.Classroom, demo.CompartmentsPerLocker, stoppingToken);
            lockers.Add(new LockerSettings { School = demo.School, Device = id, DeviceKey = deviceKey, CredentialKey = credentialKey });
        }

        byte[][] cards = Enumerable.Range(1, demo.Staff).Select(n => new byte[] { 0x04, 0xDE, (byte)(n >> 8), (byte)n }).ToArray();
        ImportReport report = await importer.ImportAsync(demo.School, PersonKind.Staff, StaffCsv(demo.Staff), full: true, stoppingToken);
        logger.LogInformation("Demo staff import: {Added} added, {Unchanged} unchanged", report.Added, report.Unchanged);
        for (int n = 1; n <= demo.Staff; n++)
        {
            await enrolment.EnrolAsync(demo.School, StaffCode(n), Convert.ToHexString(cards[n - 1]), stoppingToken);
        }

        while (!bus.IsConnected)
        {
            await Task.Delay(200, stoppingToken);
        }

        await publisher.PublishSchoolAsync(demo.School, force: true, stoppingToken);

        using var fleet = new LockerFleet(mqtt.Value.Host, mqtt.Value.Port, lockers, demo.CompartmentsPerLocker);
        fleet.Boot();
        fleet.StartRealTime();
        await WhenStartedAsync(stoppingToken);
        string address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        logger.LogInformation("PhoneSafe demo: {Lockers} lockers and {Staff} staff at {School}. Custody now: {Address}/api/custody", demo.Lockers, demo.Staff, demo.School, address);

        var random = new Random(2026);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(demo.TapIntervalMilliseconds, stoppingToken);
                Firmware.Virtual.VirtualLocker locker = fleet.Lockers[random.Next(fleet.Lockers.Count)];
                byte[] card = cards[random.Next(cards.Length)];
                fleet.Act(() => locker.UseLocker(card));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static string StaffCode(int n) => $"S{n:000}";

    private static string StaffCsv(int count)
    {
        string[] forenames = ["Ann", "Ben", "Cara", "Dev", "Ema", "Finn", "Gita", "Hal", "Iris", "Jon", "Kai", "Lena"];
        string[] surnames = ["Abara", "Brook", "Carter", "Dutta", "Evans", "Fox", "Green", "Hughes", "Ince", "Jones", "Khan", "Lowe"];
        string[] departments = ["Maths", "English", "Science", "Humanities", "\"Design, Technology\"", "PE"];
        var csv = new System.Text.StringBuilder("Staff Code,Preferred Forename,Legal Surname,Department,Role\r\n");
        for (int n = 1; n <= count; n++)
        {
            string role = n == 1 ? "Headteacher" : n == 2 ? "Office Manager" : "Teacher";
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{StaffCode(n)},{forenames[(n - 1) % forenames.Length]},{surnames[(n - 1) % surnames.Length]},{departments[(n - 1) % departments.Length]},{role}\r\n");
        }

        return csv.ToString();
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(started.SetResult);
        return started.Task.WaitAsync(stoppingToken);
    }
}
